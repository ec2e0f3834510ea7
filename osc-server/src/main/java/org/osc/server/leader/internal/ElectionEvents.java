package org.osc.server.leader.internal;

/** Told when this replica starts or stops leading, at once on the election's thread (the metrics). */
public interface ElectionEvents {

    /** Does nothing. */
    ElectionEvents NONE = new ElectionEvents() {
        @Override
        public void startedLeading(String identity) {
        }

        @Override
        public void stoppedLeading(String identity) {
        }
    };

    /** @param identity this replica, which leads from now */
    void startedLeading(String identity);

    /** @param identity this replica, which no longer leads */
    void stoppedLeading(String identity);
}
