package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.simcluster.SimCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code deploy/create-secrets --print} makes exactly the Secrets and keys the Deployment reads, with a usable
 * encryption key and certificate, and refuses a database that is not PostgreSQL. Runs the script, which needs
 * kubectl (no cluster: {@code kubectl create secret --dry-run=client}).
 */
class CreateSecretsTest {

    private static final Map<String, String> DATABASE = Map.of("OSC_DB_URL", "jdbc:postgresql://pg.db.svc:5432/osc",
            "OSC_DB_PASSWORD", "a password with spaces", "OSC_ADMIN_PASSWORD", "");

    @Test
    void everySecretTheDeploymentReadsIsMadeWithItsKeys() {
        DeployDir.kubectl();
        Map<String, JsonNode> secrets = secrets(print(DATABASE));
        assertEquals(4, secrets.size(), secrets.keySet().toString());
        JsonNode pod = DeployManifestsTest.osc(Manifests.ofKustomization(DeployDir.path())).path("spec")
                .path("template").path("spec");
        int references = 0;
        for (JsonNode ref : pod.findValues("secretKeyRef")) {
            JsonNode secret = secrets.get(ref.path("name").asText());
            assertTrue(secret != null && secret.path("data").has(ref.path("key").asText()),
                    "the Deployment reads " + ref + ", which create-secrets does not make");
            references++;
        }
        for (JsonNode volume : pod.path("volumes")) {
            JsonNode secret = volume.path("secret");
            if (secret.isObject() && !secret.path("optional").asBoolean(false)) {
                assertTrue(secrets.containsKey(secret.path("secretName").asText()), "volume " + volume);
                references++;
            }
        }
        assertEquals(6, references, "four variables, the key file and the certificate");
        assertEquals("osc-system", secrets.get("osc-database").path("metadata").path("namespace").asText());
        assertEquals("jdbc:postgresql://pg.db.svc:5432/osc", decode(secrets.get("osc-database"), "url"));
        assertEquals("osc", decode(secrets.get("osc-database"), "user"));
        assertEquals("a password with spaces", decode(secrets.get("osc-database"), "password"));
    }

    @Test
    void theKeyIsOneBase64LineOf256RandomBitsAndTheAdminPasswordIsGeneratedUnlessGiven() {
        DeployDir.kubectl();
        Map<String, JsonNode> first = secrets(print(DATABASE));
        Map<String, JsonNode> second = secrets(print(DATABASE));
        String key = decode(first.get("osc-secret-keys"), "secret-keys");
        // docs/secrets.md: a file of one bare base64 line of 32 bytes is a key file of that one key.
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertEquals(List.of(key), key.lines().toList());
        assertNotEquals(key, decode(second.get("osc-secret-keys"), "secret-keys"));
        String admin = decode(first.get("osc-admin"), "password");
        assertTrue(admin.length() >= 20 && admin.chars().allMatch(Character::isLetterOrDigit), admin);
        assertNotEquals(admin, decode(second.get("osc-admin"), "password"));
        Map<String, String> given = new HashMap<>(DATABASE);
        given.put("OSC_ADMIN_PASSWORD", "chosen-admin-password");
        assertEquals("chosen-admin-password", decode(secrets(print(given)).get("osc-admin"), "password"));
    }

    @Test
    void theCertificateIsForTheServicesNamesAndItsKeyIsTheOneThatSigns() throws Exception {
        DeployDir.kubectl();
        JsonNode tls = secrets(print(DATABASE)).get("osc-tls");
        assertEquals("kubernetes.io/tls", tls.path("type").asText());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(decode(tls, "tls.crt").getBytes(StandardCharsets.US_ASCII)));
        cert.checkValidity();
        List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertEquals(List.of("osc.osc-system.svc", "osc.osc-system.svc.cluster.local", "localhost", "127.0.0.1"),
                names);
        String pem = decode(tls, "tls.key");
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8, which OSC_TLS_KEY_FILE reads");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "the key belongs to the certificate");
    }

    @Test
    void aCertificateGivenIsTakenAsItIs(@TempDir Path dir) throws IOException {
        DeployDir.kubectl();
        JsonNode generated = secrets(print(DATABASE)).get("osc-tls");
        Files.writeString(dir.resolve("site.crt"), decode(generated, "tls.crt"));
        Files.writeString(dir.resolve("site.key"), decode(generated, "tls.key"));
        Map<String, String> given = new HashMap<>(DATABASE);
        given.put("OSC_TLS_CERT_FILE", dir.resolve("site.crt").toString());
        given.put("OSC_TLS_KEY_FILE", dir.resolve("site.key").toString());
        assertEquals(generated.path("data"), secrets(print(given)).get("osc-tls").path("data"));
    }

    @Test
    void aDatabaseOtherThanPostgreSqlIsRefused() {
        DeployDir.kubectl();
        Map<String, String> h2 = new HashMap<>(DATABASE);
        h2.put("OSC_DB_URL", "jdbc:h2:file:/tmp/osc");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> print(h2));
        assertTrue(e.getMessage().contains("exited 2") && e.getMessage().contains("must be a PostgreSQL JDBC URL"),
                e.getMessage());
    }

    @Test
    void anAdminPasswordTheServerWouldRefuseIsRefused() {
        DeployDir.kubectl();
        Map<String, String> shortPassword = new HashMap<>(DATABASE);
        shortPassword.put("OSC_ADMIN_PASSWORD", "seven77");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> print(shortPassword));
        assertTrue(e.getMessage().contains("exited 2") && e.getMessage().contains("at least 8 characters"),
                e.getMessage());
    }

    @Test
    void createsTheMissingSecretsInTheClusterAndKeepsThoseThatExist(@TempDir Path work) throws IOException {
        Kubectl kubectl = DeployDir.kubectl();
        try (SimCluster cluster = SimCluster.start(work.resolve("sim"))) {
            Map<String, String> environment = new HashMap<>(DATABASE);
            environment.put("KUBECONFIG", cluster.kubeconfigPath().toString());
            kubectl.run(environment, "create", "namespace", "osc-system");
            String first = create(environment);
            assertTrue(first.contains("The first admin's password is in Secret osc-admin"), first);
            Map<String, JsonNode> created = stored(kubectl, environment);
            assertEquals(List.of("osc-admin", "osc-database", "osc-secret-keys", "osc-tls"),
                    created.keySet().stream().sorted().toList());
            kubectl.run(environment, "delete", "secret", "osc-admin", "-n", "osc-system");
            String second = create(environment);
            for (String kept : List.of("osc-database", "osc-secret-keys", "osc-tls")) {
                assertTrue(second.contains("Secret " + kept + " exists in osc-system: kept"), second);
            }
            Map<String, JsonNode> after = stored(kubectl, environment);
            assertEquals(created.get("osc-secret-keys").path("data"), after.get("osc-secret-keys").path("data"),
                    "the key of the stored secrets is never replaced");
            assertEquals(created.get("osc-tls").path("data"), after.get("osc-tls").path("data"));
            assertTrue(after.containsKey("osc-admin"), "the missing Secret is made again");
        }
    }

    private static String create(Map<String, String> environment) {
        return Processes.run(List.of("bash", DeployDir.path().resolve("create-secrets").toString()), environment,
                60, TimeUnit.SECONDS);
    }

    private static Map<String, JsonNode> stored(Kubectl kubectl, Map<String, String> environment) {
        Map<String, JsonNode> byName = new HashMap<>();
        String json = kubectl.run(environment, "get", "secrets", "-n", "osc-system", "-o", "yaml");
        for (JsonNode item : Manifests.parse(json).get(0).path("items")) {
            byName.put(item.path("metadata").path("name").asText(), item);
        }
        return byName;
    }

    private static String print(Map<String, String> environment) {
        return Processes.run(List.of("bash", DeployDir.path().resolve("create-secrets").toString(), "--print"),
                environment, 60, TimeUnit.SECONDS);
    }

    private static Map<String, JsonNode> secrets(String yaml) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (ObjectNode object : Manifests.parse(yaml)) {
            assertEquals("Secret", object.path("kind").asText());
            byName.put(object.path("metadata").path("name").asText(), object);
        }
        return byName;
    }

    private static String decode(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }
}
