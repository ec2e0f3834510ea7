package org.osc.server.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The size limit of request bodies: {@code osc.http.maxBodyBytes} (1 MiB by default) for JSON and anything
 * else, {@code osc.http.maxUploadBytes} (64 MiB) for plugin bundles sent as {@code application/octet-stream}.
 * A body whose declared length is over the limit is answered 413 without being parsed; one without a declared
 * length is cut off with a 413 once it passes the limit, so that no body fills the heap. It runs after
 * authentication: a caller without credentials learns nothing but 401.
 *
 * <p>A 413 closes the connection ({@code Connection: close}). Before it is answered, what the client sends of the
 * body is read and discarded, up to {@link #DRAIN_BYTES} and {@link #DRAIN_TIME} (and, for a declared body, until
 * nothing comes for {@link #DRAIN_QUIET}): a client that streams its whole body before it reads the answer would
 * otherwise meet a connection reset (Jetty closing with unread data) instead of the 413. Nothing is buffered. A
 * client that asked to continue ({@code Expect: 100-continue}) and has not sent its body is answered at once; so is
 * a body declared larger than the drain bound, whose client would still be sending when the bound is reached.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = BodyLimit.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BodyLimit.Config.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.bodyLimit")
@Priority(Priorities.AUTHORIZATION + 100)
public class BodyLimit implements ContainerRequestFilter {

    /** Configuration PID, set by the server from its settings ({@code osc.http.max*Bytes}). */
    public static final String PID = "org.osc.server.bodyLimit";

    /** The limits. */
    @ObjectClassDefinition(name = "OSC request body limits", description = "Set by OSC from etc/osc.properties")
    public @interface Config {
        /** @return the largest JSON (or other) body, in bytes */
        long maxBodyBytes();

        /** @return the largest plugin upload ({@code application/octet-stream}), in bytes */
        long maxUploadBytes();
    }

    /** The most that is read and discarded of a body over the limit before the 413 is answered. */
    static final long DRAIN_BYTES = 32L * 1024 * 1024;
    /** The longest time spent reading and discarding a body over the limit before the 413 is answered. */
    static final Duration DRAIN_TIME = Duration.ofSeconds(3);
    /** How long draining a declared body waits for more of it before the 413 is answered. */
    static final Duration DRAIN_QUIET = Duration.ofMillis(200);

    private static final int BUFFER = 64 * 1024;

    private static final String EXPECT = "Expect";

    private final long maxBody;
    private final long maxUpload;

    /** For the OSGi runtime: the limits the server configured. */
    @Activate
    public BodyLimit(Config config) {
        this(config.maxBodyBytes(), config.maxUploadBytes());
    }

    /** Limits in bytes: of JSON (and other) bodies, and of uploads ({@code application/octet-stream}). */
    public BodyLimit(long maxBody, long maxUpload) {
        this.maxBody = maxBody;
        this.maxUpload = maxUpload;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = isUpload(request.getMediaType()) ? maxUpload : maxBody;
        long length = request.getLength();
        if (length > limit) {
            if (length <= DRAIN_BYTES && !asksToContinue(request)) {
                drainDeclared(request.getEntityStream(), length);
            }
            request.abortWith(response(problem(limit)));
            return;
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), limit));
    }

    private static boolean asksToContinue(ContainerRequestContext request) {
        String expect = request.getHeaderString(EXPECT);
        return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
    }

    /** @return the 413 answer with that problem, closing the connection */
    static Response response(Problem tooLarge) {
        return Response.fromResponse(tooLarge.toResponse()).header("Connection", "close").build();
    }

    /**
     * Reads and discards what the client sends of a declared body, without waiting for data that is not there: it
     * stops at the declared length, {@link #DRAIN_BYTES}, {@link #DRAIN_TIME}, or once nothing came for
     * {@link #DRAIN_QUIET} (a client that sent part of its body and waits for the answer gets it then).
     *
     * @return the number of bytes discarded
     */
    static long drainDeclared(InputStream body, long length) {
        byte[] buffer = new byte[BUFFER];
        long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
        long quietSince = System.nanoTime();
        long drained = 0;
        try {
            while (drained < length && drained < DRAIN_BYTES && System.nanoTime() < deadline) {
                int available = body.available();
                if (available > 0) {
                    int n = body.read(buffer, 0, Math.min(available, buffer.length));
                    if (n < 0) {
                        break;
                    }
                    drained += n;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > DRAIN_QUIET.toNanos()) {
                    break;
                } else {
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            // the client stopped sending or went away: nothing left to discard
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    /**
     * Reads and discards the rest of a body that is being streamed (no declared length), up to {@link #DRAIN_BYTES}
     * and {@link #DRAIN_TIME} (checked between reads; a single read waits no longer than the HTTP server's idle
     * timeout, as any read of a body does).
     *
     * @return the number of bytes discarded
     */
    static long drainStreamed(InputStream body) {
        byte[] buffer = new byte[BUFFER];
        long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
        long drained = 0;
        try {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                drained += n;
                if (drained >= DRAIN_BYTES || System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (IOException e) {
            // the client stopped sending or went away: nothing left to discard
        }
        return drained;
    }

    /** @return whether the failure is a body cut off at its limit */
    static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    /** @return the 413 problem of a body cut off at its limit */
    static Problem problem() {
        return Problem.of("too-large", "Payload too large", 413, "The request body is larger than the server "
                + "accepts (settings osc.http.maxBodyBytes and osc.http.maxUploadBytes)", null);
    }

    private static Problem problem(long limit) {
        return Problem.of("too-large", "Payload too large", 413, "The request body is larger than the " + limit
                + " bytes the server accepts (settings osc.http.maxBodyBytes and osc.http.maxUploadBytes)", null);
    }

    private static boolean isUpload(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                || "java-archive".equals(type.getSubtype()));
    }

    /** Thrown by a bounded body once more than its limit was read. */
    static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body over the size limit");
        }
    }

    /** A body that fails with {@link TooLarge} once more than the limit was read, after draining the rest. */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;
        private boolean drained;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws TooLarge {
            read += n;
            if (read > limit) {
                if (!drained) {
                    drained = true;
                    drainStreamed(in);
                }
                throw new TooLarge();
            }
        }
    }
}
