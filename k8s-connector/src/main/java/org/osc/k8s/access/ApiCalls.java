package org.osc.k8s.access;

import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osc.k8s.deploy.ClusterErrors;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

/**
 * Requests of a check sent on a client's own HTTP client (its credentials and TLS settings) without waiting for
 * each other, each answered or failed within the timeout whatever the transport does, and their failures turned
 * into reasons a user can act on. Sending the access reviews together makes a check cost about one round trip
 * instead of one per permission.
 */
final class ApiCalls {

    private final KubernetesClient client;
    private final HttpClient http;
    private final Duration timeout;
    private final String base;

    /** A call in flight: what it asks, and its answer to come. */
    record Call(String request, CompletableFuture<HttpResponse<String>> answer) {
    }

    /**
     * @param client the check's client
     * @param timeout how long each request may take
     */
    ApiCalls(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.http = client.getHttpClient();
        this.timeout = timeout;
        this.base = client.getMasterUrl().toString().replaceAll("/+$", "");
    }

    /** @return how the API server is named in reasons */
    String server() {
        return "the API server at " + client.getMasterUrl();
    }

    /** Sends {@code GET path}. */
    Call get(String request, String path) {
        return send(request, http.newHttpRequestBuilder().uri(base + path));
    }

    /** Sends {@code POST path} with the object as JSON. */
    Call post(String request, String path, Object body) {
        String json = client.getKubernetesSerialization().asJson(body);
        return send(request, http.newHttpRequestBuilder().uri(base + path).post("application/json", json));
    }

    private Call send(String request, HttpRequest.Builder builder) {
        HttpRequest built = builder.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        return new Call(request, http.sendAsync(built, String.class));
    }

    /** @return the segment, encoded for a URL path */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Waits for the answer, whatever its status.
     *
     * @throws PlatformException when no answer came: the server does not answer, or the transport failed
     */
    HttpResponse<String> answer(Call call) throws PlatformException {
        try {
            // The request's own timeout ends it; this one only guards against a transport that ignores it.
            return call.answer().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(call.request(), new KubernetesClientException(call.request() + " failed", e.getCause()));
        } catch (TimeoutException e) {
            call.answer().cancel(true);
            throw failure(call.request(), new KubernetesClientException(call.request() + " failed",
                    new HttpTimeoutException("timed out")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while asking " + server(), e);
        }
    }

    /** Cancels calls whose answers are no longer needed (a check that already failed). */
    static void cancel(Iterable<Call> calls) {
        calls.forEach(c -> c.answer().cancel(true));
    }

    /** @return the answer's body as the given type, null when it does not parse */
    <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return client.getKubernetesSerialization().unmarshal(response.body(), type);
        } catch (RuntimeException notThatType) {
            return null;
        }
    }

    /** @return the failure of a request the server answered with an error status */
    PlatformException failure(String request, HttpResponse<String> response) {
        Status status = read(response, Status.class);
        status = new StatusBuilder(status == null ? new Status() : status).withCode(response.code()).build();
        return failure(request, new KubernetesClientException(status));
    }

    /** @return the failure of a request to the API server, as a reason a user can act on */
    PlatformException failure(String request, KubernetesClientException e) {
        String network = ClusterErrors.networkReason(e);
        if (network != null) {
            return new PlatformException(server() + " does not answer: " + network, e);
        }
        if (e.getCode() == 401 || e.getCode() == 403) {
            return new AccessDeniedException("the credentials were refused by " + server() + " (HTTP " + e.getCode()
                    + ")", e);
        }
        String detail = ClusterErrors.statusMessage(e);
        return new PlatformException(server() + " failed " + request + (e.getCode() > 0 ? " with HTTP " + e.getCode()
                : "") + (detail.isBlank() ? "" : ": " + detail), e);
    }
}
