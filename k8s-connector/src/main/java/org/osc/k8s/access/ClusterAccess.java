package org.osc.k8s.access;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osc.k8s.KubernetesClients;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * The requests are sent together and their answers read in the order above, so a check takes about one round trip
 * whatever the number of namespaces.
 * Runs on a client of its own, not the connector's shared one: the connector may not be stored yet, and its shared
 * client must not be replaced by settings that may be refused. That client is kept for the connector's next check
 * (so checks reuse their connections instead of opening one per request) as long as its settings stay the same,
 * closed when no check used it for {@link #IDLE}, and closed by {@link #release} and {@link #close}. Asks only:
 * access reviews are not stored by the API server, and nothing else is written.
 *
 * <p>A check that passed is trusted for {@link #TRUSTED} with the same connection settings and namespaces: a
 * second deployment spec in a namespace within that time is not asked of the cluster again. So a permission
 * revoked or a namespace deleted is noticed by the check at most {@link #TRUSTED} late (and by the deployment
 * itself, as a failed job, in any case). A failed check is never remembered, and it makes the connector's passed
 * checks forgotten; other settings (the connector changed) are checked afresh.
 */
public final class ClusterAccess implements AutoCloseable {

    /** How long connecting and each request may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** How long a passed check is trusted for the same settings and namespaces. */
    // GAP: a constant, not a setting; a site that revokes rights often could want it shorter (0: never trusted).
    public static final Duration TRUSTED = Duration.ofSeconds(10);

    /** How long a check's client is kept after its last check. */
    public static final Duration IDLE = Duration.ofMinutes(2);

    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private final Duration timeout;
    private final CheckClients clients;

    /** A check with the {@link #DEFAULT_TIMEOUT}. */
    public ClusterAccess() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout how long connecting and each request may take */
    public ClusterAccess(Duration timeout) {
        this(timeout, IDLE, TRUSTED);
    }

    /**
     * @param timeout how long connecting and each request may take
     * @param idle how long a check's client is kept after its last check
     * @param trusted how long a passed check is trusted (zero: never)
     */
    ClusterAccess(Duration timeout, Duration idle, Duration trusted) {
        this.timeout = timeout;
        this.clients = new CheckClients(connector -> KubernetesClients.standalone(connector, timeout), idle,
                trusted);
    }

    /**
     * @param connector how to reach the cluster
     * @param namespaces the namespaces VNFs go to; empty for the cluster-wide checks only
     * @throws AccessDeniedException when the credentials are refused or lack permissions (all of them named)
     * @throws PlatformException when the API server does not answer, the settings cannot be used, or a namespace
     *     does not exist
     */
    public void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        List<String> checked = List.copyOf(namespaces);
        CheckClients.Lease lease = lease(connector);
        if (lease.reused()) {
            try {
                checkOn(lease, checked);
                return;
            } catch (PlatformException e) {
                if (!stale(e)) {
                    throw e;
                }
                // A kept connection the server (or something on the way) closed while it was idle: once more, on
                // new connections, so that this is not taken for the cluster's answer.
                lease.discard();
                lease = lease(connector);
            }
        }
        checkOn(lease, checked);
    }

    private CheckClients.Lease lease(ConnectorInfo connector) throws PlatformException {
        try {
            return clients.lease(connector);
        } catch (RuntimeException e) {
            // Only the exception's kind: its message may quote the kubeconfig, which holds secrets.
            throw new PlatformException("the connection settings cannot be used by the Kubernetes client: "
                    + KubernetesClients.unusable(e));
        }
    }

    private void checkOn(CheckClients.Lease lease, List<String> checked) throws PlatformException {
        try (lease) {
            if (lease.passedRecently(checked)) {
                return;
            }
            KubernetesClients.withOwnClassLoader(() -> {
                checkWith(lease.client(), checked);
                return null;
            });
            lease.passed(checked);
        } catch (PlatformException | RuntimeException e) {
            lease.failed();
            throw e;
        }
    }

    /**
     * @return whether the check failed in the transport before any answer, other than by a timeout (a timeout is
     *     not tried again: a server that does not answer fails within one timeout)
     */
    // GAP: a kept connection that something on the way drops silently (no FIN or RST) makes the check time out
    // (DEFAULT_TIMEOUT) rather than be tried again. IDLE (2 min) is below the idle timeouts of common load
    // balancers and NATs, so only a middlebox that forgets idle connections sooner causes it.
    private static boolean stale(PlatformException failure) {
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof ConnectException) {
                return false;
            }
            io |= t instanceof IOException;
        }
        return io && !(failure instanceof AccessDeniedException);
    }

    /** Closes the connector's check client (the connector was deleted); unknown ids are ignored. */
    public void release(long connectorId) {
        clients.release(connectorId);
    }

    /** @return whether a check client is kept for the connector (tests) */
    boolean holds(long connectorId) {
        return clients.holds(connectorId);
    }

    /** Closes every check client; checks still running close theirs when they end. */
    @Override
    public void close() {
        clients.close();
    }

    private void checkWith(KubernetesClient client, List<String> namespaces) throws PlatformException {
        ApiCalls calls = new ApiCalls(client, timeout);
        // Every request at once, their answers read in the order they are reported: the server's first.
        ApiCalls.Call version = calls.get("GET /version", "/version");
        Map<String, ApiCalls.Call> lookups = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            lookups.put(namespace, calls.get("GET namespace " + namespace, "/api/v1/namespaces/"
                    + ApiCalls.segment(namespace)));
        }
        Map<Permission, ApiCalls.Call> reviews = new LinkedHashMap<>();
        for (Permission permission : Permission.needed(namespaces)) {
            reviews.put(permission, calls.post("the access review", REVIEWS, review(permission)));
        }
        List<ApiCalls.Call> all = new ArrayList<>(lookups.values());
        all.addAll(reviews.values());
        try {
            answers(calls, version);
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, ApiCalls.Call> lookup : lookups.entrySet()) {
                if (!exists(calls, lookup.getValue())) {
                    missing.add("namespace '" + lookup.getKey() + "' does not exist");
                }
            }
            List<Permission> denied = new ArrayList<>();
            for (Map.Entry<Permission, ApiCalls.Call> review : reviews.entrySet()) {
                if (!allowed(calls, review.getValue())) {
                    denied.add(review.getKey());
                }
            }
            report(calls.server(), missing, denied);
        } finally {
            ApiCalls.cancel(all);
        }
    }

    private static void report(String server, List<String> missing, List<Permission> denied)
            throws PlatformException {
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

    /** Reads {@code GET /version}'s answer, so that an unreachable server or refused credentials are the reason. */
    private static void answers(ApiCalls calls, ApiCalls.Call call) throws PlatformException {
        HttpResponse<String> response = calls.answer(call);
        if (!response.isSuccessful()) {
            throw calls.failure(call.request(), response);
        }
    }

    private static boolean exists(ApiCalls calls, ApiCalls.Call lookup) throws PlatformException {
        HttpResponse<String> response = calls.answer(lookup);
        if (response.isSuccessful()) {
            return true;
        }
        return switch (response.code()) {
            case 404 -> false;
            case 403 -> true; // may not read namespaces: cannot tell here, creating the VNF will
            default -> throw calls.failure(lookup.request(), response);
        };
    }

    private static SelfSubjectAccessReview review(Permission p) {
        return new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb(p.verb())
                .withGroup(p.group()).withResource(p.resource()).withNamespace(p.namespace()).endResourceAttributes()
                .endSpec().build();
    }

    private static boolean allowed(ApiCalls calls, ApiCalls.Call review) throws PlatformException {
        HttpResponse<String> response = calls.answer(review);
        if (response.code() == 403) {
            throw new AccessDeniedException("the credentials may not create selfsubjectaccessreviews."
                    + "authorization.k8s.io on " + calls.server() + ", so OSC cannot check its permissions");
        }
        if (!response.isSuccessful()) {
            throw calls.failure(review.request(), response);
        }
        SelfSubjectAccessReview answer = calls.read(response, SelfSubjectAccessReview.class);
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}
