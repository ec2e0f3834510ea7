package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire protocol against a scripted stand-in peer on loopback (not an OVSDB server): messages without
 * delimiters and split across writes, the peer's echo answered, a silent peer dropped by the keepalive. The
 * same behaviour against a real server is in the *IT tests.
 */
@Timeout(30)
class JsonRpcFramingTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void concatenatedAndSplitMessagesAreMatchedToTheirCalls() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> echoReply = new CompletableFuture<>();
            Thread peer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    MappingIterator<JsonNode> in = mapper.readerFor(JsonNode.class).readValues(s.getInputStream());
                    JsonNode request = in.nextValue();
                    long id = request.get("id").asLong();
                    OutputStream out = s.getOutputStream();
                    // an echo request, an unrelated notification and the answer in one write, no delimiters
                    out.write(("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}"
                            + "{\"id\":null,\"method\":\"update\",\"params\":[\"nobody\",{}]}"
                            + "{\"id\":" + id + ",\"result\":[\"OVN_North").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(50);
                    out.write("bound\"],\"error\":null}".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    echoReply.complete(in.nextValue().toString());
                    in.nextValue(); // the next request; then hang up
                } catch (Exception e) {
                    echoReply.completeExceptionally(e);
                }
            });
            peer.start();
            try (OvsdbClient client = OvsdbClient.builder(new OvsdbRemote(false, "127.0.0.1",
                    listener.getLocalPort())).connect()) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
                assertEquals(List.of("OVN_Northbound"), client.listDbs());
                assertEquals("{\"id\":\"echo\",\"result\":[],\"error\":null}", echoReply.get(5, TimeUnit.SECONDS));
                CompletableFuture<JsonNode> lost = client.call("list_dbs", mapper.createArrayNode());
                ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(5, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof NotConnectedException, e.getCause().toString());
                assertTrue(e.getCause().getMessage().contains("list_dbs"), e.getCause().getMessage());
            }
            peer.join(5000);
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsDroppedAndReconnected() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> droppedAfter = new CompletableFuture<>();
            Thread peer = new Thread(() -> {
                try {
                    Socket first = listener.accept();
                    long start = System.nanoTime();
                    InputStream in = first.getInputStream();
                    // read (and never answer) until the client gives up on us
                    while (in.read() >= 0) {
                        // discard
                    }
                    droppedAfter.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    first.close();
                    listener.accept().close();
                } catch (Exception e) {
                    droppedAfter.completeExceptionally(e);
                }
            });
            peer.start();
            try (OvsdbClient client = OvsdbClient.builder(new OvsdbRemote(false, "127.0.0.1",
                    listener.getLocalPort())).echoInterval(Duration.ofMillis(100))
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).connect()) {
                long millis = droppedAfter.get(5, TimeUnit.SECONDS);
                assertTrue(millis >= 200 && millis < 2000, "dropped after " + millis + " ms");
                peer.join(5000);
                assertTrue(!peer.isAlive(), "the client did not reconnect");
            }
        }
    }

    @Test
    void aClientThatCannotConnectFailsCallsAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (OvsdbClient client = OvsdbClient.builder(new OvsdbRemote(false, "127.0.0.1", port)).connect()) {
            assertTrue(!client.awaitConnected(Duration.ofMillis(300)));
            OvsdbClientIT.assertNotConnected(() -> client.transact("OVN_Northbound",
                    List.of(Operation.insert("Logical_Switch", Map.of("name", "x"), null))));
        }
    }
}
