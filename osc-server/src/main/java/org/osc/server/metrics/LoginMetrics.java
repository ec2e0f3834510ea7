package org.osc.server.metrics;

import org.osc.server.login.Lockout;
import org.osc.server.login.LoginListener;
import org.osgi.service.component.annotations.Component;

/**
 * Counts lockouts ({@code osc_login_lockouts_total{kind}}: name or address) and logins refused without a password
 * check ({@code osc_login_throttled_total{reason}}: locked, or busy when the pool of password checks was full). Wrong
 * credentials are counted where the 401 is answered ({@code osc_login_failures_total}).
 */
@Component(service = LoginListener.class)
public class LoginMetrics implements LoginListener {

    @Override
    public void lockedOut(Lockout lockout) {
        OscMetrics.LOGIN_LOCKOUTS.labelValues(lockout.kind().label()).inc();
    }

    @Override
    public void refused(String name, String address, Reason reason) {
        if (reason != Reason.WRONG_CREDENTIALS) {
            OscMetrics.LOGIN_THROTTLED.labelValues(reason.label()).inc();
        }
    }
}
