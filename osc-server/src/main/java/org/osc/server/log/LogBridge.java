package org.osc.server.log;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Forwards the OSGi log (where SCR, the HTTP whiteboard and the framework report failures) and
 * java.util.logging (where Jersey reports) to SLF4J, so that failures land in OSC's log and never go silent
 * or to a stray console.
 */
@Component(immediate = true)
public class LogBridge implements LogListener {

    private final LogReaderService reader;

    /** Starts listening to the given log reader. */
    @Activate
    public LogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        SLF4JBridgeHandler.uninstall();
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
        Logger logger = LoggerFactory.getLogger("osgi." + (entry.getLoggerName() == null ? name
                : entry.getLoggerName()));
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            default -> logger.debug(message, error);
        }
    }
}
