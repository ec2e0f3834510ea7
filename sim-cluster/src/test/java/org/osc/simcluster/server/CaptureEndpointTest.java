package org.osc.simcluster.server;

import io.fabric8.mockwebserver.http.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureEndpointTest {

    @TempDir
    Path captures;

    @Test
    void servesTheCaptureOfAVnfPodAsText() throws Exception {
        Files.writeString(captures.resolve("sec_vnf-1.txt"), "one packet\n");
        CaptureEndpoint endpoint = new CaptureEndpoint();
        assertEquals(404, endpoint.answer(CaptureEndpoint.PREFIX + "sec/vnf-1").code(), "network mode off");
        endpoint.serve(captures);
        MockResponse served = endpoint.answer(CaptureEndpoint.PREFIX + "sec/vnf-1");
        assertEquals(200, served.code());
        assertEquals("one packet\n", served.getBody().readUtf8());
        assertEquals(404, endpoint.answer(CaptureEndpoint.PREFIX + "sec/other").code());
        assertEquals(404, endpoint.answer(CaptureEndpoint.PREFIX + "sec").code());
    }

    @Test
    void malformedNamesAreRefusedNamingTheField() {
        CaptureEndpoint endpoint = new CaptureEndpoint();
        endpoint.serve(captures);
        MockResponse badNamespace = endpoint.answer(CaptureEndpoint.PREFIX + "..x/vnf");
        assertEquals(400, badNamespace.code());
        assertTrue(badNamespace.getBody().readUtf8().contains("namespace"));
        MockResponse badPod = endpoint.answer(CaptureEndpoint.PREFIX + "sec/Vnf_1");
        assertEquals(400, badPod.code());
        assertTrue(badPod.getBody().readUtf8().contains("pod"));
    }
}
