package org.osc.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oscctl trust}: shows the certificate the server presents (subject, issuer, expiry, SHA-256 fingerprint)
 * without sending any credentials, and on "yes" saves its fingerprint as {@code pin} (and the server's {@code url}
 * when the config file has none) in the config file, readable by its owner only.
 */
@Command(name = "trust", description = "Show the server's TLS certificate and its SHA-256 fingerprint, and on 'yes' "
        + "pin it in the config file, so later commands trust that server (and only that certificate).",
        footer = { "%nCompare the fingerprint with the one the server printed at start (\"OSC listens on https://... "
                + "(TLS certificate SHA-256 fingerprint ...)\") or with its status (tls.fingerprintSha256) before "
                + "you answer yes.%n%nExamples:%n  oscctl --url https://osc.example.org:8090 trust%n"
                + "  oscctl trust --yes   # no question (scripts that checked the fingerprint otherwise)" })
public class TrustCommand extends BaseCommand {

    @Option(names = "--yes", description = "Pin the certificate without asking.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        Connection connection = root().connection();
        URI server = URI.create(connection.serverUrl());
        if (!"https".equals(server.getScheme())) {
            throw CliException.usage("the server URL " + server + " is not https://: there is no certificate to trust");
        }
        X509Certificate certificate = presented(server);
        String fingerprint = ServerTrust.fingerprint(certificate);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("url", server.toString());
        json.put("subject", certificate.getSubjectX500Principal().getName());
        json.put("issuer", certificate.getIssuerX500Principal().getName());
        json.put("notAfter", certificate.getNotAfter().toInstant().toString());
        json.put("fingerprintSha256", fingerprint);
        var out = spec.commandLine().getOut();
        out.println("The server at " + server + " presents the certificate:");
        out.println("  subject:  " + json.path("subject").asText());
        out.println("  issuer:   " + json.path("issuer").asText());
        out.println("  expires:  " + json.path("notAfter").asText());
        out.println("  SHA-256 fingerprint: " + fingerprint);
        if (fingerprint.equals(connection.pin())) {
            out.println("It is the pinned certificate already.");
            out.flush();
            return ExitCodes.OK;
        }
        Path file = root().configFile();
        if (!yes) {
            out.print("Trust it and save the fingerprint as the pin in " + file + "? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(root().stdin(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                err().println("error: not trusted; nothing saved");
                err().flush();
                return ExitCodes.AUTH;
            }
        }
        save(file, server.toString(), fingerprint);
        out.println("Pinned " + fingerprint + " in " + file);
        out.flush();
        return ExitCodes.OK;
    }

    /** @return the server's leaf certificate, read in a TLS handshake that trusts anything and sends nothing */
    private static X509Certificate presented(URI server) {
        List<X509Certificate> seen = new ArrayList<>();
        int port = server.getPort() < 0 ? 443 : server.getPort();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new ServerTrust.Checking(chain -> seen.add(chain[0])) }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.getHost(), port)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.CONNECTION, "cannot reach " + server + " in TLS: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has TLS", e);
        }
        if (seen.isEmpty()) {
            throw new CliException(ExitCodes.CONNECTION, "the server at " + server + " presented no certificate");
        }
        return seen.get(0);
    }

    private static void save(Path file, String url, String fingerprint) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        properties.setProperty("pin", fingerprint);
        properties.putIfAbsent("url", url);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "oscctl: the server, how to trust it, who we are (see oscctl --help)");
        }
    }
}
