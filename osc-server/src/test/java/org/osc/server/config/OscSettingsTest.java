package org.osc.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.config.OscSettings.Key;

class OscSettingsTest {

    @TempDir
    Path home;

    @Test
    void environmentBeatsSystemPropertyBeatsFileBeatsDefault() throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/osc.properties"), "osc.http.port=9000\nosc.http.host=0.0.0.0\n"
                + "osc.jobs.threads=2\n");
        Properties system = new Properties();
        system.setProperty("osc.http.host", "10.1.1.1");
        system.setProperty("osc.jobs.threads", "3");
        OscSettings settings = OscSettings.load(home, Map.of("OSC_JOB_THREADS", "6"), system);

        assertEquals(9000, settings.getInt(Key.HTTP_PORT), "from the file");
        assertEquals("10.1.1.1", settings.get(Key.BIND_ADDRESS), "system property over the file");
        assertEquals(6, settings.getInt(Key.JOB_THREADS), "environment over everything");
        assertEquals("osc", settings.get(Key.DB_USER), "default");
        assertTrue(settings.find(Key.ADMIN_PASSWORD).isEmpty(), "an unset password is not an empty one");
    }

    @Test
    void theDefaultDatabaseIsADurableH2FileUnderData() {
        OscSettings settings = OscSettings.load(home, Map.of(), new Properties());
        assertTrue(settings.jdbcUrl().startsWith("jdbc:h2:file:" + home.resolve("data")), settings.jdbcUrl());
        assertTrue(settings.jdbcUrl().contains("WRITE_DELAY=0"), "commits are flushed at once");
        assertTrue(settings.jdbcUrl().contains("QUERY_CACHE_SIZE=256"), "statement plans are kept");
        OscSettings pg = OscSettings.load(home, Map.of("OSC_DB_URL", "jdbc:postgresql://db/osc"), new Properties());
        assertEquals("jdbc:postgresql://db/osc", pg.jdbcUrl());
    }

    @Test
    void aBadNumberNamesTheSetting() {
        OscSettings settings = OscSettings.load(home, Map.of("OSC_HTTP_PORT", "eighty"), new Properties());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> settings.getInt(Key.HTTP_PORT));
        assertTrue(e.getMessage().contains("osc.http.port") && e.getMessage().contains("OSC_HTTP_PORT"));
    }
}
