package org.osc.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API over the JDK HTTP client: JSON in and out, a bearer API token when one is set, else HTTP Basic
 * when a user is set. Every error answer becomes an {@link ApiException}, every transport failure a
 * {@link CliException} with exit code 6.
 */
public final class OscClient {

    /** What a call answered: its status and its JSON body (null when it had none, e.g. 204). */
    public record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // a plugin upload answers only once the plugin is ready, so requests get more time than a connect
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final Connection connection;
    private final HttpClient http;

    /** @param connection where and as whom */
    public OscClient(Connection connection) {
        this.connection = connection;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connection.baseUrl().startsWith("https://")) {
            builder.sslContext(ServerTrust.context(connection));
        }
        this.http = builder.build();
    }

    /** @return the connection this client uses */
    public Connection connection() {
        return connection;
    }

    /**
     * @param path relative to the API base, e.g. {@code virtualizationConnectors/3}
     * @return the JSON body of the answer
     */
    public JsonNode get(String path) {
        return send("GET", path, null).body();
    }

    /**
     * @param method GET, POST, PUT or DELETE
     * @param path relative to the API base
     * @param body the JSON to send, or null for none
     * @return the successful answer
     */
    public Reply send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8);
        HttpRequest.Builder request = request(path).method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    /**
     * @param path relative to the API base
     * @param bytes sent as {@code application/octet-stream} (a plugin bundle)
     * @return the successful answer
     */
    public Reply upload(String path, byte[] bytes) {
        return exchange(request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** @return a path segment with anything but unreserved characters escaped (user and plugin names) */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(connection.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json, application/problem+json");
        if (connection.token() != null) {
            builder.header("Authorization", "Bearer " + connection.token().strip());
        } else if (connection.user() != null) {
            String pair = connection.user() + ":" + (connection.password() == null ? "" : connection.password());
            builder.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private Reply exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no answer to connect within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (SSLHandshakeException e) {
            throw untrusted(e);
        } catch (IOException e) {
            if (connection.baseUrl().startsWith("https://") && isPlainAnswer(e)) {
                throw unreachable("the server did not answer in TLS (does it speak plain HTTP? then use http://)",
                        e);
            }
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted", e);
        }
        String text = response.body();
        JsonNode json = parse(text);
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), json, text);
        }
        if (json == null && text != null && !text.isBlank()) {
            throw new CliException(ExitCodes.CONNECTION, "the server at " + connection.baseUrl()
                    + " answered " + response.statusCode() + " with something that is not JSON (is it OSC?)");
        }
        return new Reply(response.statusCode(), json);
    }

    private CliException untrusted(SSLHandshakeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return new CliException(ExitCodes.CONNECTION, "cannot reach " + connection.baseUrl()
                + ": the server's certificate is not trusted (" + why + ")\n"
                + "hint: check its fingerprint (the server prints it at start and in its status) with 'oscctl trust', "
                + "which pins it on 'yes'; or pass --cacert FILE (a self-signed OSC's data/tls/server.crt); "
                + "--insecure skips the check", e);
    }

    private static boolean isPlainAnswer(IOException e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof javax.net.ssl.SSLException && message.contains("unrecognized SSL message");
    }

    private CliException unreachable(String why, Exception cause) {
        return new CliException(ExitCodes.CONNECTION, "cannot reach " + connection.baseUrl() + ": " + why, cause);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
