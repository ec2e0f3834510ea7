package org.osc.k8s.access;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osc.k8s.KubernetesClients;
import org.osc.k8s.deploy.ClusterErrors;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

/**
 * Checks that OSC can work with a connector's cluster, before the server stores the connector or a deployment
 * spec (see {@link org.osc.platform.api.VirtualizationPlatform#check}):
 * <ol>
 * <li>the API server answers {@code GET /version} within the timeout (5 s by default; no retries, so a dead
 * server fails at once and an unreachable one after the timeout), and accepts the credentials;</li>
 * <li>each namespace given exists (skipped when the credentials may not read namespaces: the deploy says so
 * later);</li>
 * <li>SelfSubjectAccessReviews ({@code authorization.k8s.io/v1}) grant every {@link Permission#needed needed
 * permission}; every denied one is named.</li>
 * </ol>
 * Runs on a client of its own, closed at the end: the connector may not be stored yet, and its shared client
 * must not be replaced by settings that may be refused. Asks only: access reviews are not stored by the API
 * server, and nothing else is written.
 */
public final class ClusterAccess {

    /** How long connecting and each request may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;

    /** A check with the {@link #DEFAULT_TIMEOUT}. */
    public ClusterAccess() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout how long connecting and each request may take */
    public ClusterAccess(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param connector how to reach the cluster
     * @param namespaces the namespaces VNFs go to; empty for the cluster-wide checks only
     * @throws AccessDeniedException when the credentials are refused or lack permissions (all of them named)
     * @throws PlatformException when the API server does not answer, the settings cannot be used, or a namespace
     *     does not exist
     */
    public void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        KubernetesClient client;
        try {
            client = KubernetesClients.standalone(connector, timeout);
        } catch (RuntimeException e) {
            // Only the exception's kind: its message may quote the kubeconfig, which holds secrets.
            throw new PlatformException("the connection settings cannot be used by the Kubernetes client: "
                    + KubernetesClients.unusable(e));
        }
        try (client) {
            KubernetesClients.withOwnClassLoader(() -> {
                checkWith(client, namespaces);
                return null;
            });
        }
    }

    private void checkWith(KubernetesClient client, List<String> namespaces) throws PlatformException {
        String server = "the API server at " + client.getMasterUrl();
        answers(client, server);
        List<String> missing = new ArrayList<>();
        for (String namespace : namespaces) {
            if (!exists(client, server, namespace)) {
                missing.add("namespace '" + namespace + "' does not exist");
            }
        }
        List<Permission> denied = new ArrayList<>();
        for (Permission permission : Permission.needed(namespaces)) {
            if (!allowed(client, server, permission)) {
                denied.add(permission);
            }
        }
        if (denied.isEmpty() && missing.isEmpty()) {
            return;
        }
        String problems = String.join("; ", missing);
        if (denied.isEmpty()) {
            throw new PlatformException(problems + " (" + server + ")");
        }
        String lacking = "the credentials lack permissions OSC needs on " + server + ": " + Permission.describe(denied);
        if (missing.isEmpty()) {
            throw new AccessDeniedException(lacking);
        }
        throw new PlatformException(problems + "; " + lacking);
    }

    /**
     * Asks {@code GET /version} on the client's own HTTP client (its credentials and TLS settings), so that the
     * status code and the failure are read here, within the timeout whatever the transport does.
     */
    private void answers(KubernetesClient client, String server) throws PlatformException {
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(client.getMasterUrl().toString().replaceAll("/+$", "")
                + "/version").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        HttpResponse<String> response;
        try {
            // The request's own timeout ends it; this one only guards against a transport that ignores it.
            response = http.sendAsync(request, String.class).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(server, "GET /version", new KubernetesClientException("GET /version failed", e.getCause()));
        } catch (TimeoutException e) {
            throw failure(server, "GET /version", new KubernetesClientException("GET /version failed",
                    new HttpTimeoutException("timed out")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while asking " + server, e);
        }
        if (!response.isSuccessful()) {
            Status status = null;
            try {
                status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
            } catch (RuntimeException notAStatus) {
                // the code alone then
            }
            status = new StatusBuilder(status == null ? new Status() : status).withCode(response.code()).build();
            throw failure(server, "GET /version", new KubernetesClientException(status));
        }
    }

    private static boolean exists(KubernetesClient client, String server, String namespace) throws PlatformException {
        try {
            return client.namespaces().withName(namespace).get() != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return true; // may not read namespaces: cannot tell here, creating the VNF will
            }
            throw failure(server, "GET namespace " + namespace, e);
        }
    }

    private static boolean allowed(KubernetesClient client, String server, Permission p) throws PlatformException {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb(p.verb()).withGroup(p.group()).withResource(p.resource()).withNamespace(p.namespace())
                .endResourceAttributes().endSpec().build();
        SelfSubjectAccessReview answer;
        try {
            answer = client.authorization().v1().selfSubjectAccessReview().create(review);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                throw new AccessDeniedException("the credentials may not create selfsubjectaccessreviews."
                        + "authorization.k8s.io on " + server + ", so OSC cannot check its permissions", e);
            }
            throw failure(server, "the access review", e);
        }
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /** @return the failure of a request to the API server, as a reason a user can act on */
    private static PlatformException failure(String server, String request, KubernetesClientException e) {
        String network = ClusterErrors.networkReason(e);
        if (network != null) {
            return new PlatformException(server + " does not answer: " + network, e);
        }
        if (e.getCode() == 401 || e.getCode() == 403) {
            return new AccessDeniedException("the credentials were refused by " + server + " (HTTP " + e.getCode()
                    + ")", e);
        }
        String detail = ClusterErrors.statusMessage(e);
        return new PlatformException(server + " failed " + request + (e.getCode() > 0 ? " with HTTP " + e.getCode()
                : "") + (detail.isBlank() ? "" : ": " + detail), e);
    }
}
