package org.osc.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.jobs.JobService;
import org.osc.server.login.LoginService;
import org.osc.server.membership.ConnectorWatcher;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginFiles;
import org.osc.server.rest.ClientAddress;
import org.osc.server.user.UserService;

class RuntimeConfiguratorTest {

    @TempDir
    Path home;

    @Test
    void eachSettingReachesItsComponentTyped() {
        Map<String, Dictionary<String, Object>> configurations = RuntimeConfigurator.configurations(settings(Map.of(
                "OSC_DB_URL", "jdbc:postgresql://db:5432/osc", "OSC_DB_USER", "oscuser", "OSC_DB_POOL_SIZE", "12",
                "OSC_DB_CONNECTION_TIMEOUT_MILLIS", "700", "OSC_JOB_THREADS", "3", "OSC_TASK_TIMEOUT_SECONDS", "0",
                "OSC_RESYNC_SECONDS", "60", "OSC_HTTP_PORT", "9443")));

        Dictionary<String, Object> database = configurations.get(Database.PID);
        assertEquals("jdbc:postgresql://db:5432/osc", database.get("url"));
        assertEquals("oscuser", database.get("user"));
        assertEquals(12, database.get("poolSize"));
        assertEquals(700, database.get("connectionTimeoutMillis"));
        assertEquals(3, configurations.get(JobService.PID).get("threads"));
        assertEquals(0, configurations.get(JobService.PID).get("taskTimeoutSeconds"));
        assertEquals(60L, configurations.get(ConnectorWatcher.PID).get("resyncSeconds"));
        Dictionary<String, Object> http = configurations.get(RuntimeConfigurator.HTTP_PID);
        assertEquals(9443, http.get("org.osgi.service.http.port.secure"));
        assertEquals(true, http.get("org.apache.felix.https.enable"));
        assertEquals(false, http.get("org.apache.felix.http.enable"), "no plain HTTP connector by default");
        assertEquals(home.resolve("data").toAbsolutePath().normalize().toString(),
                configurations.get(UserService.PID).get("dataDir"));
        assertEquals(home.resolve("plugins").toAbsolutePath().normalize().toString(),
                configurations.get(PluginFiles.PID).get("dir"));
    }

    @Test
    void theLoginSettingsReachTheUserAndLoginServices() {
        Map<String, Dictionary<String, Object>> defaults = RuntimeConfigurator.configurations(settings(Map.of()));
        assertEquals(5, defaults.get(LoginService.PID).get("lockAfterFailures"));
        assertEquals(60, defaults.get(LoginService.PID).get("nameLockMaxSeconds"));
        assertEquals(900, defaults.get(LoginService.PID).get("addressLockMaxSeconds"));
        assertEquals(0, defaults.get(UserService.PID).get("checkThreads"));
        assertEquals(16, defaults.get(UserService.PID).get("checkQueue"));
        Map<String, Dictionary<String, Object>> set = RuntimeConfigurator.configurations(settings(Map.of(
                "OSC_LOGIN_LOCK_AFTER_FAILURES", "3", "OSC_LOGIN_NAME_LOCK_MAX_SECONDS", "10",
                "OSC_LOGIN_ADDRESS_LOCK_MAX_SECONDS", "120", "OSC_LOGIN_CHECK_THREADS", "2",
                "OSC_LOGIN_CHECK_QUEUE", "4")));
        assertEquals(3, set.get(LoginService.PID).get("lockAfterFailures"));
        assertEquals(10, set.get(LoginService.PID).get("nameLockMaxSeconds"));
        assertEquals(120, set.get(LoginService.PID).get("addressLockMaxSeconds"));
        assertEquals(2, set.get(UserService.PID).get("checkThreads"));
        assertEquals(4, set.get(UserService.PID).get("checkQueue"));
        IllegalStateException zero = assertThrows(IllegalStateException.class, () -> RuntimeConfigurator
                .configurations(settings(Map.of("OSC_LOGIN_LOCK_AFTER_FAILURES", "0"))));
        assertTrue(zero.getMessage().contains("OSC_LOGIN_LOCK_AFTER_FAILURES"), zero.getMessage());
    }

    @Test
    void noConfigurationCarriesASecretButTheSecretsServiceHasThem() {
        OscSettings settings = settings(Map.of("OSC_DB_PASSWORD", "db-secret-1", "OSC_ADMIN_PASSWORD",
                "admin-secret-2"));
        for (Map.Entry<String, Dictionary<String, Object>> configuration
                : RuntimeConfigurator.configurations(settings).entrySet()) {
            for (String key : Collections.list(configuration.getValue().keys())) {
                String value = String.valueOf(configuration.getValue().get(key));
                assertFalse(value.contains("db-secret-1") || value.contains("admin-secret-2"),
                        configuration.getKey() + " " + key + " carries a secret");
                assertFalse(key.toLowerCase().contains("password"), configuration.getKey() + " " + key);
            }
        }
        Secrets secrets = Secrets.of(settings);
        assertEquals("db-secret-1", secrets.databasePassword());
        assertEquals("admin-secret-2", secrets.adminPassword().orElseThrow());
        assertFalse(secrets.toString().contains("secret"), "never printed");
        assertTrue(Secrets.of(settings(Map.of())).adminPassword().isEmpty(), "no admin password: generated");
    }

    @Test
    void aSettingOutOfRangeNamesIt() {
        IllegalStateException pool = assertThrows(IllegalStateException.class,
                () -> RuntimeConfigurator.configurations(settings(Map.of("OSC_DB_POOL_SIZE", "0"))));
        assertTrue(pool.getMessage().contains("osc.db.poolSize") && pool.getMessage().contains("OSC_DB_POOL_SIZE"),
                pool.getMessage());
        IllegalStateException timeout = assertThrows(IllegalStateException.class, () -> RuntimeConfigurator
                .configurations(settings(Map.of("OSC_DB_CONNECTION_TIMEOUT_MILLIS", "100"))));
        assertTrue(timeout.getMessage().contains("at least 250"), timeout.getMessage());
    }

    @Test
    void trustedProxiesReachTheRestApplicationsAndABadOneIsNamed() {
        assertEquals("", RuntimeConfigurator.configurations(settings(Map.of())).get(ClientAddress.PID)
                .get("trustedProxies"), "none by default");
        assertEquals("10.0.0.0/8,fd00::/8", RuntimeConfigurator.configurations(settings(Map.of(
                "OSC_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8"))).get(ClientAddress.PID).get("trustedProxies"));
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> RuntimeConfigurator
                .configurations(settings(Map.of("OSC_TRUSTED_PROXIES", "10.0.0.0/8,ingress-nginx"))));
        assertTrue(bad.getMessage().contains("OSC_TRUSTED_PROXIES") && bad.getMessage().contains("'ingress-nginx'"),
                bad.getMessage());
    }

    @Test
    void plainHttpOnlyWhenAskedFor() {
        Dictionary<String, Object> http = RuntimeConfigurator.configurations(settings(Map.of("OSC_PLAIN_HTTP", "true",
                "OSC_HTTP_PORT", "9080"))).get(RuntimeConfigurator.HTTP_PID);
        assertEquals(true, http.get("org.apache.felix.http.enable"));
        assertEquals(9080, http.get("org.osgi.service.http.port"));
        assertEquals(null, http.get("org.apache.felix.https.enable"));
        IllegalStateException typo = assertThrows(IllegalStateException.class,
                () -> RuntimeConfigurator.configurations(settings(Map.of("OSC_PLAIN_HTTP", "yes"))));
        assertTrue(typo.getMessage().contains("OSC_PLAIN_HTTP"), typo.getMessage());
    }

    @Test
    void tlsSettingsThatDoNotFitTogetherNameTheSetting() {
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfigurator.tlsOptions(settings(Map.of("OSC_TLS_CERT_FILE", "cert.pem"))));
        assertTrue(half.getMessage().contains("OSC_TLS_KEY_FILE"), half.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfigurator.tlsOptions(settings(Map.of("OSC_TLS_CERT_FILE", "c.pem",
                        "OSC_TLS_KEY_FILE", "k.pem", "OSC_TLS_PKCS12_FILE", "s.p12"))));
        assertTrue(both.getMessage().contains("OSC_TLS_PKCS12_FILE"), both.getMessage());
        IllegalArgumentException reload = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfigurator.tlsOptions(settings(Map.of("OSC_TLS_RELOAD_SECONDS", "0"))));
        assertTrue(reload.getMessage().contains("OSC_TLS_RELOAD_SECONDS"), reload.getMessage());
        assertEquals(home.resolve("etc/c.pem").toAbsolutePath().normalize(), RuntimeConfigurator.tlsOptions(
                settings(Map.of("OSC_TLS_CERT_FILE", "etc/c.pem", "OSC_TLS_KEY_FILE", "etc/k.pem"))).certFile()
                .orElseThrow(), "relative to the home folder");
    }

    private OscSettings settings(Map<String, String> env) {
        return OscSettings.load(home, env, new Properties());
    }
}
