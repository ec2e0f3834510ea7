package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code OSC_TRUSTED_PROXIES} over real HTTPS connections from two loopback addresses: the distribution trusts
 * 127.0.0.1 as its proxy. A request from it is counted and audited under the right-most address of
 * {@code X-Forwarded-For} that is not the proxy (the client's own entries left of it are ignored); a request from
 * 127.0.0.2, not trusted, under 127.0.0.2 whatever it forwards. The login throttle locks the forwarded address
 * that failed, not the proxy: another client behind the same proxy still logs in.
 */
class TrustedProxiesIT {

    private static final String PASSWORD = "trusted-proxies-admin";

    @TempDir
    Path folder;

    @Test
    void aTrustedProxysForwardedAddressIsTheClientsAndASpoofedHeaderIsIgnored() throws Exception {
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            // a client address is locked from its 2 x 2nd failure on
            server.env("OSC_TRUSTED_PROXIES", "127.0.0.1/32").env("OSC_LOGIN_LOCK_AFTER_FAILURES", "2");
            server.start();
            OscRest admin = new OscRest(server.url(), PASSWORD);

            assertEquals(401, get(server, "127.0.0.1", "nobody-1", "wrong", "203.0.113.5, 198.51.100.7"));
            assertEquals(401, get(server, "127.0.0.2", "nobody-2", "wrong", "198.51.100.8"));
            assertEquals("198.51.100.7", source(admin, "nobody-1"), "the proxy's forwarded address, not the "
                    + "client's own entry left of it");
            assertEquals("127.0.0.2", source(admin, "nobody-2"), "an untrusted peer's header is ignored");

            // wrong passwords for ever-new names (no name gets locked) from the one forwarded address, until its lock
            int status = 401;
            int failures = 1;
            while (status == 401 && failures < 10) {
                failures++;
                status = get(server, "127.0.0.1", "nobody-" + (failures + 1), "wrong", "198.51.100.7");
            }
            System.out.println("TRUSTED PROXIES: the forwarded address locked after " + failures + " attempts");
            assertEquals(429, status, "the forwarded address that failed is locked");
            assertEquals(200, get(server, "127.0.0.1", "admin", PASSWORD, "198.51.100.9"),
                    "another client behind the same proxy is not");
            assertEquals(200, get(server, "127.0.0.2", "admin", PASSWORD, "198.51.100.7"),
                    "nor an untrusted peer naming the locked address");
        }
    }

    /** @return the status of an authenticated GET sent from that local address with that X-Forwarded-For */
    private static int get(DistributionProcess server, String from, String user, String password,
            String forwardedFor) throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTrust.context().getSocketFactory().createSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/server/v1/users/admin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** @return the source address of the one audited login failure of that name */
    private static String source(OscRest admin, String name) {
        OscRest.within(Duration.ofSeconds(10), "the login failure of " + name + " audited",
                () -> admin.get("server/v1/audit?user=" + name).path("items").size() == 1,
                () -> admin.get("server/v1/audit?user=" + name));
        JsonNode record = admin.get("server/v1/audit?user=" + name).path("items").get(0);
        return record.path("source").asText();
    }
}
