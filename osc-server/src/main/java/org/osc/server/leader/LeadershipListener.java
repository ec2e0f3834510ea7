package org.osc.server.leader;

/** Told when this replica starts or stops leading (on the election's thread: return quickly). */
public interface LeadershipListener {

    /** This replica leads from now: start the controller loops, informers and resync. */
    void startedLeading();

    /**
     * This replica no longer leads (lease lost, not renewed in time, or the server stops): stop the work that
     * writes to plugins or clusters now. Work already running is fenced by {@link Leadership#checkLeader()}.
     */
    void stoppedLeading();
}
