package org.osc.server.audit;

import org.osc.server.login.LoginListener;
import org.osc.server.login.Lockout;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Puts each lock the login throttle begins into the audit trail: one record per lock, not per refused attempt
 * (those are recorded with their requests, or only counted when a flood sends them).
 */
@Component(service = LoginListener.class)
public class LockoutRecorder implements LoginListener {

    private final AuditTrail trail;

    /** A listener writing to the given trail. */
    @Activate
    public LockoutRecorder(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void lockedOut(Lockout lockout) {
        String what = lockout.kind() == Lockout.Kind.NAME ? "user name" : "client address";
        trail.lockout(lockout.name(), lockout.address(), what + " locked for " + lockout.duration().toSeconds()
                + " s after " + lockout.failures() + " failed logins");
    }
}
