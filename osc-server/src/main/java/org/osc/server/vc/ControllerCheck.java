package org.osc.server.vc;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.error.UnprocessableException;

/**
 * Asks a connector's SDN plugin whether its controller answers with the connector's controller attributes
 * ({@link SdnControllerApi#getStatus}), at most {@link #BOUND} long, before the connector is stored. A status that
 * is not ready is accepted: the controller answered. A failure is a 422 on {@code controllerAttributes} with the
 * plugin's reason, made safe to show: its first line, without Java class names, control characters escaped, cut
 * to {@value #MAX_REASON} characters.
 */
final class ControllerCheck {

    /** How long the plugin has to answer. */
    static final Duration BOUND = Duration.ofSeconds(5);
    /** The longest reason shown. */
    static final int MAX_REASON = 512;

    /** A qualified Java class name with its colon, as exception texts carry them ({@code java.net.Foo: }). */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:?\\s*");
    private static final AtomicInteger THREADS = new AtomicInteger();

    // GAP: a plugin that never returns and ignores interrupts keeps one of these threads; the request still
    // answers after BOUND.
    private final ExecutorService calls = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "osc-controller-check-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Duration bound;

    ControllerCheck() {
        this(BOUND);
    }

    ControllerCheck(Duration bound) {
        this.bound = bound;
    }

    /**
     * @param plugin the plugin's name, for the message
     * @throws UnprocessableException on {@code controllerAttributes} when the plugin fails or takes too long
     */
    void check(String plugin, SdnControllerApi sdn, VirtualizationConnectorElement connector) {
        Future<?> call = calls.submit(() -> sdn.getStatus(connector));
        try {
            call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw refused("the SDN controller did not answer within " + bound.toSeconds() + " s (SDN plugin '"
                    + plugin + "')");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw refused("the check of the SDN controller was interrupted");
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof ControllerUnreachableException) {
                throw refused(reason(failure.getMessage(), "the SDN controller cannot be reached"));
            }
            if (failure instanceof SdnException) {
                throw refused(reason(failure.getMessage(), "the SDN controller refused the connector"));
            }
            throw refused("SDN plugin '" + plugin + "' failed: " + reason(failure.getMessage(), "no reason given"));
        }
    }

    /** Stops the threads of checks still running. */
    void close() {
        calls.shutdownNow();
    }

    private static UnprocessableException refused(String reason) {
        return new UnprocessableException(ControllerAttributes.FIELD, reason);
    }

    /** @return the plugin's message as it may be shown, or the fallback when nothing of it is left */
    static String reason(String message, String fallback) {
        if (message == null) {
            return fallback;
        }
        String line = message.strip().lines().findFirst().orElse("");
        line = CLASS_NAME.matcher(line).replaceAll("").strip();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length() && out.length() < MAX_REASON; i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        String shown = out.toString().strip();
        if (line.length() > MAX_REASON) {
            shown += "...";
        }
        return shown.isEmpty() ? fallback : shown;
    }
}
