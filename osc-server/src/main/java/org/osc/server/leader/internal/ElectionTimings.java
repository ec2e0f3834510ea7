package org.osc.server.leader.internal;

import java.time.Duration;

/**
 * The election's three periods, as controller-runtime's: the lease holds {@code leaseDuration} after a renewal;
 * the leader stops leading when its last successful renewal is older than {@code renewDeadline} (shorter than the
 * lease, so it stops before another replica may take it); every replica tries to take or renew the lease every
 * {@code retryPeriod}.
 *
 * @param leaseDuration how long the lease holds after a renewal (default 15 s)
 * @param renewDeadline how long the leader leads after its last successful renewal (default 10 s)
 * @param retryPeriod how often each replica tries (default 2 s)
 */
public record ElectionTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /** controller-runtime's defaults: 15 s, 10 s, 2 s. */
    public static final ElectionTimings DEFAULTS = new ElectionTimings(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    /**
     * @throws IllegalArgumentException naming the setting when a period is not positive, or the renew deadline is
     *     not shorter than the lease, or the retry period not shorter than the renew deadline
     */
    public ElectionTimings {
        if (leaseDuration.isNegative() || leaseDuration.isZero() || renewDeadline.isNegative()
                || renewDeadline.isZero() || retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("the lease duration (OSC_LEASE_DURATION_SECONDS), renew deadline "
                    + "(OSC_LEASE_RENEW_DEADLINE_SECONDS) and retry period (OSC_LEASE_RETRY_SECONDS) must be positive");
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the renew deadline (OSC_LEASE_RENEW_DEADLINE_SECONDS, "
                    + renewDeadline.toSeconds() + " s) must be shorter than the lease duration "
                    + "(OSC_LEASE_DURATION_SECONDS, " + leaseDuration.toSeconds() + " s)");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("the retry period (OSC_LEASE_RETRY_SECONDS, " + retryPeriod.toSeconds()
                    + " s) must be shorter than the renew deadline (OSC_LEASE_RENEW_DEADLINE_SECONDS, "
                    + renewDeadline.toSeconds() + " s)");
        }
    }
}
