package org.osc.server.secret;

import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the server that cannot start safely: one line saying what to do, then the process ends. */
public final class Refusal {

    /** The exit status of a refused start (EX_CONFIG of sysexits.h: a configuration error). */
    static final int EXIT_STATUS = 78;
    private static final Logger LOG = LoggerFactory.getLogger(Refusal.class);
    private static final AtomicBoolean REFUSED = new AtomicBoolean();

    private Refusal() {
    }

    /**
     * Logs the line and ends the process from a thread of its own; the caller, a component's activation, throws
     * the exception returned meanwhile, so that nothing that depends on it starts. Its message does not repeat
     * the line, which stays the one line to read.
     */
    public static IllegalStateException exit(String line) {
        if (FrameworkUtil.getBundle(Refusal.class) == null) {
            return new IllegalStateException(line); // outside a framework (a test): the exception alone says it
        }
        // The component runtime may try the activation again before the process has ended: one line, one exit.
        if (REFUSED.compareAndSet(false, true)) {
            LOG.error(line);
            Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "osc-refused-start");
            exit.start();
        }
        return new IllegalStateException("The start was refused (see the error logged before)");
    }
}
