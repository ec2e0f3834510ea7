package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How much of a refused body {@link BodyLimit} reads and discards before it answers 413. */
class BodyLimitTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void aDeclaredBodyIsDrainedToItsEndWhenItFitsTheBound() {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[25 * MIB]);
        assertEquals(25 * MIB, BodyLimit.drainDeclared(body, 25 * MIB));
        assertEquals(0, body.available());
    }

    @Test
    void drainingStopsAtTheBoundAndNeverReadsPastTheDeclaredLength() {
        ByteArrayInputStream larger = new ByteArrayInputStream(new byte[40 * MIB]);
        assertEquals(BodyLimit.DRAIN_BYTES, BodyLimit.drainDeclared(larger, 40 * MIB));
        assertEquals(40 * MIB - BodyLimit.DRAIN_BYTES, larger.available());

        ByteArrayInputStream streamed = new ByteArrayInputStream(new byte[40 * MIB]);
        assertEquals(BodyLimit.DRAIN_BYTES, BodyLimit.drainStreamed(streamed));

        ByteArrayInputStream pipelined = new ByteArrayInputStream(new byte[3 * MIB]);
        assertEquals(2 * MIB, BodyLimit.drainDeclared(pipelined, 2 * MIB));
    }

    @Test
    void aClientThatStopsSendingIsAnsweredWithoutWaitingForTheRest() {
        long started = System.nanoTime();
        assertEquals(100, BodyLimit.drainDeclared(new Stalling(100), 25 * MIB));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(BodyLimit.DRAIN_QUIET) >= 0, "waited for more: " + took);
        assertTrue(took.compareTo(BodyLimit.DRAIN_TIME) < 0, "did not wait for the rest: " + took);
    }

    /** A body of which only the first bytes ever arrive: reading past them would block for good. */
    private static final class Stalling extends InputStream {

        private int left;

        Stalling(int sent) {
            this.left = sent;
        }

        @Override
        public int available() {
            return left;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                throw new IOException("would block for good");
            }
            left--;
            return 'x';
        }
    }
}
