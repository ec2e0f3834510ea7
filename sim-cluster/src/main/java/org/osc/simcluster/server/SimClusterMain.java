package org.osc.simcluster.server;

import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.logging.Level;

/**
 * The simulator process. Prints one line on stdout once the API server accepts requests (the controller and
 * kubelet finish their sync about two seconds later, see {@code GET /simcluster/health}):
 *
 * <pre>SIMCLUSTER READY port=37123 url=http://127.0.0.1:37123/ kubeconfig=/path/to/kubeconfig</pre>
 *
 * Logs go to stderr. SIGTERM (or the end of the {@code --exit-with-parent} process) stops it cleanly and saves
 * the state. Exit code 2 on bad flags, 1 if it cannot start.
 */
public final class SimClusterMain {

    /**
     * Held so that the level set on them sticks: java.util.logging keeps loggers only weakly. The mock web server
     * logs every request at INFO, which at a few hundred writes a second is mostly what the process would do.
     */
    private static final java.util.logging.Logger[] QUIET = {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver"),
        java.util.logging.Logger.getLogger("io.vertx"),
        java.util.logging.Logger.getLogger("io.netty"),
    };

    private SimClusterMain() {
    }

    /**
     * @param args see {@link SimClusterFlags#USAGE}
     */
    public static void main(String[] args) {
        SimClusterFlags flags;
        try {
            flags = SimClusterFlags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sim-cluster: " + e.getMessage());
            System.err.println(SimClusterFlags.USAGE);
            System.exit(2);
            return;
        }
        if (flags.help()) {
            System.out.println(SimClusterFlags.USAGE);
            return;
        }
        configureLogging();
        long startNanos = System.nanoTime();
        SimClusterServer server;
        try {
            server = SimClusterServer.start(flags);
        } catch (Exception e) {
            LoggerFactory.getLogger(SimClusterMain.class).error("sim-cluster could not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sim-cluster-shutdown"));
        flags.parentPid().ifPresent(SimClusterMain::exitWithParent);
        // A cluster whose pods never run would only make tests time out: stop with an error instead. From a new
        // thread, because exiting runs the shutdown hook, which waits for the thread that reports the failure.
        server.controllerSynced().exceptionally(e -> {
            new Thread(() -> System.exit(1), "sim-cluster-exit").start();
            return null;
        });
        LoggerFactory.getLogger(SimClusterMain.class).info("sim-cluster ready in {} ms",
                (System.nanoTime() - startNanos) / 1_000_000);
        PrintStream out = System.out;
        out.println("SIMCLUSTER READY port=" + server.port() + " url=" + server.masterUrl()
                + " kubeconfig=" + flags.kubeconfig().toAbsolutePath());
        out.flush();
    }

    /** So that a simulator whose test JVM was killed does not live on and hold its port. */
    private static void exitWithParent(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        for (java.util.logging.Logger logger : QUIET) {
            logger.setLevel(Level.WARNING);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
