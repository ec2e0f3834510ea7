package org.osc.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.metrics.MetricsServlet;

/** {@code OSC_METRICS_OPEN} becomes the metrics servlet's configuration; only true or false is accepted. */
class MetricsSettingTest {

    @TempDir
    Path home;

    @Test
    void metricsAskForCredentialsUnlessOpened() {
        assertEquals(false, open(Map.of()), "closed by default");
        assertEquals(true, open(Map.of("OSC_METRICS_OPEN", "true")));
        assertEquals(false, open(Map.of("OSC_METRICS_OPEN", "FALSE")));
    }

    @Test
    void aValueOtherThanTrueOrFalseStopsTheStartNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> open(Map.of("OSC_METRICS_OPEN", "yes")));
        assertTrue(e.getMessage().contains("OSC_METRICS_OPEN") && e.getMessage().contains("'yes'"), e.getMessage());
    }

    private Object open(Map<String, String> env) {
        OscSettings settings = OscSettings.load(home, env, new Properties());
        return RuntimeConfigurator.configurations(settings).get(MetricsServlet.PID).get("open");
    }
}
