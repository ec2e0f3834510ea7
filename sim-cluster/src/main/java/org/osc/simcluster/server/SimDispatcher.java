package org.osc.simcluster.server;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.utils.Utils;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.osc.simcluster.server.StateFile.Snapshot;
import org.osc.simcluster.server.StateFile.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The mock's CRUD dispatcher with what the simulator adds in front of it: discovery documents, the
 * {@code /simcluster/} admin endpoints, access reviews ({@link AccessReviews}), watches that can be expired, and a
 * store that can be snapshotted and restored.
 */
final class SimDispatcher extends KubernetesCrudDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SimDispatcher.class);

    private final Discovery discovery = new Discovery();
    private final WatchRegistry watches = new WatchRegistry();
    /** Enough history for a watch to resume after a few seconds' outage of a busy client. */
    private final ResumableWatches resumable = new ResumableWatches(20_000, this::requestResourceVersion);
    private final AccessReviews reviews = new AccessReviews();
    private final CaptureEndpoint captures = new CaptureEndpoint();
    private final ScaleSubresource scale = new ScaleSubresource(super::dispatch);
    /**
     * processEvent is the only writer of the store, but it removes the old entry before it puts the new one; a
     * snapshot taken in between would lose the object. Writers and snapshots share this monitor.
     */
    private final Object storeMonitor = new Object();
    /** Guarded by storeMonitor. */
    private final StoreIndex index = new StoreIndex();
    private final AtomicLong lastResourceVersion = new AtomicLong();
    private volatile Runnable onChange = () -> { };
    private volatile BooleanSupplier controllerSynced = () -> false;
    /** The bearer token every API request must carry; null: anyone may do anything. */
    private volatile String requiredToken;

    /** @param synced tells the health endpoint whether the controller and kubelet run yet */
    void controllerSynced(BooleanSupplier synced) {
        this.controllerSynced = synced;
    }

    /**
     * Creates an object the way a POST would, without a client: for what a new cluster starts with.
     *
     * @param collectionPath e.g. {@code /api/v1/namespaces}
     * @param json the object
     */
    void seed(String collectionPath, String json) {
        MockResponse response = handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collectionPath,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(json.getBytes(StandardCharsets.UTF_8))));
        if (response.code() != 201) {
            throw new IllegalStateException("could not create " + json + ": " + response.code());
        }
    }

    /** @param token the bearer token every API request (not {@code /simcluster/}) must carry from now on */
    void requireToken(String token) {
        this.requiredToken = token;
    }

    /** @param rule denied to access reviews from now on */
    void deny(DenyRule rule) {
        reviews.deny(rule);
    }

    /** @param capturesDir network mode's captures folder: {@code GET /simcluster/captures/NS/POD} serves it */
    void serveCaptures(Path capturesDir) {
        captures.serve(capturesDir);
    }

    /** @param listener called after every change of the store, on the thread that made it; must not block */
    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if (path.startsWith("/simcluster/")) {
            return admin(request.method(), path);
        }
        // GAP: one token and no RBAC behind it: a request with the token may do anything (no 403 but the reviews')
        String token = requiredToken;
        if (token != null && !("Bearer " + token).equals(request.getHeader("Authorization"))) {
            // What a real API server answers for a missing, unknown or expired token (no detail, on purpose).
            return status(401, "Unauthorized", "Unauthorized");
        }
        if (request.method() != HttpMethod.GET && queryParameter(path, "dryRun").isPresent()) {
            // The mock ignores dryRun: kubectl would report "(server dry run)" for a change really made.
            return status(400, "BadRequest", "sim-cluster does not do server-side dry runs (dryRun): the request "
                    + "would be carried out for real; use --dry-run=client");
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            // The mock would fail to parse it on its event loop and never answer (the client would hang): what
            // kubectl's generators send is decoded to JSON, anything else is refused at once.
            if (request.method() != HttpMethod.POST) {
                return status(415, "UnsupportedMediaType", "sim-cluster accepts protobuf request bodies only to "
                        + "create objects (POST), not to " + request.method() + "; send JSON");
            }
            try {
                MockResponse response = dispatch(withJsonBody(request,
                        ProtobufBodies.toJson(request.getBody().readByteArray())));
                // The mock's answers name no Content-Type: a client that sent protobuf would read them as protobuf.
                return response == null || response.header("Content-Type") != null ? response
                        : response.setHeader("Content-Type", "application/json");
            } catch (ProtobufBodies.UnsupportedBodyException e) {
                return status(415, "UnsupportedMediaType", e.getMessage());
            } catch (InvalidProtocolBufferException e) {
                return status(400, "BadRequest", "not a Kubernetes protobuf body: " + e.getMessage());
            }
        }
        Optional<MockResponse> review = reviews.handle(request);
        if (review.isPresent()) {
            return review.get();
        }
        if (path.contains("/scale")) {
            Optional<MockResponse> scaled = scale.handle(request);
            if (scaled.isPresent()) {
                return scaled.get();
            }
        }
        if (path.startsWith("/openapi/")) {
            return status(404, "NotFound", "sim-cluster publishes no OpenAPI schema");
        }
        if (request.method() == HttpMethod.GET) {
            Optional<String> document = discovery.document(path);
            if (document.isPresent()) {
                return json(200, document.get());
            }
            if (path.contains("watch=true") && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                // The mock would register a listener that can never be served (and leaks it); say why instead.
                return status(405, "MethodNotAllowed",
                        "sim-cluster serves watches over WebSocket only; HTTP streaming watches (kubectl get -w) "
                                + "are not supported");
            }
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("as=Table") && !path.contains("watch=true")) {
                return asTable(super.dispatch(request));
            }
        }
        // the mock drains the body: what a create posted is kept for the message of a 409 (getBytes copies)
        byte[] posted = request.method() == HttpMethod.POST && request.getBody() != null
                ? request.getBody().getBytes() : null;
        MockResponse response = super.dispatch(request);
        if (posted != null && response != null && response.code() == 409) {
            return alreadyExists(path, posted);
        }
        if ((request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH) && response != null
                && response.code() == 409) {
            return conflict(path);
        }
        return response;
    }

    /**
     * The mock answers a create of an existing object 409 with reason {@code Invalid}; an API server says
     * {@code AlreadyExists}, naming the resource and the object, which clients (and kubectl's message) rely on.
     */
    private static MockResponse alreadyExists(String path, byte[] posted) {
        String[] segments = path.split("\\?", 2)[0].split("/");
        String resource = segments[segments.length - 1];
        String group = group(path, segments);
        String name = "";
        try {
            name = Serialization.jsonMapper().readTree(posted).path("metadata").path("name")
                    .asText("");
        } catch (java.io.IOException | RuntimeException e) {
            // the name is for the message only
        }
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + Serialization.asJson(qualified + " \"" + name + "\" already exists")
                + ",\"reason\":\"AlreadyExists\",\"details\":{\"name\":" + Serialization.asJson(name)
                + ",\"group\":" + Serialization.asJson(group) + ",\"kind\":" + Serialization.asJson(resource)
                + "},\"code\":409}";
        return json(409, body);
    }

    /** @return the request with this JSON as its body instead of what it had */
    private static RecordedRequest withJsonBody(RecordedRequest request, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/json")
                .set("Content-Length", Integer.toString(body.length)).build();
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
                new Buffer(body));
    }

    /**
     * The mock answers a replace or patch from a stale resourceVersion 409 with reason {@code Invalid}; an API
     * server says {@code Conflict}, "the object has been modified".
     */
    private static MockResponse conflict(String path) {
        String[] segments = path.split("\\?", 2)[0].split("/");
        int at = segments.length - 1;
        if (at > 1 && (segments[at].equals("status") || segments[at].equals("scale"))) {
            at--;
        }
        String name = segments[at];
        String resource = at > 0 ? segments[at - 1] : "";
        String group = group(path, segments);
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + Serialization.asJson("Operation cannot be fulfilled on " + qualified + " \"" + name + "\": the "
                        + "object has been modified; please apply your changes to the latest version and try again")
                + ",\"reason\":\"Conflict\",\"details\":{\"name\":" + Serialization.asJson(name)
                + ",\"group\":" + Serialization.asJson(group) + ",\"kind\":" + Serialization.asJson(resource)
                + "},\"code\":409}";
        return json(409, body);
    }

    /** @return the API group of a request path, empty for the core group ({@code /api/v1/...}) */
    private static String group(String path, String[] segments) {
        return path.startsWith("/apis/") && segments.length > 2 ? segments[2] : "";
    }

    /** kubectl get asks for server-side printing; see {@link TableRenderer}. */
    private static MockResponse asTable(MockResponse response) {
        if (response == null || response.code() != 200 || response.getBody() == null) {
            return response;
        }
        // reading a mock Buffer drains it: put the body back if it is not turned into a table
        String body = response.getBody().readUtf8();
        return TableRenderer.render(body).map(table -> json(200, table)).orElseGet(() -> response.setBody(body));
    }

    /**
     * A watch that starts at its resourceVersion ({@link ResumableWatches}) instead of the mock's, which replays
     * the current objects whatever the version and never what was deleted.
     */
    @Override
    public MockResponse handleWatch(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = queryParameter(path, "fieldSelector").filter(s -> s.startsWith("metadata.name="))
                .map(s -> s.substring("metadata.name=".length())).orElse(null);
        if (name != null) {
            query = query.add(new Attribute("name", name));
        }
        String version = queryParameter(path, "resourceVersion").orElse(null);
        return new MockResponse().withWebSocketUpgrade(watches.track(resumable.watch(query, version, storeMonitor,
                map)));
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        synchronized (storeMonitor) {
            String old = oldAttributes == null ? null : map.get(oldAttributes);
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            AttributeSet newAttributes = newState == null ? null : keyOf(pathAttributes, resource, newState);
            if (oldAttributes != null) {
                index.remove(oldAttributes);
            }
            if (newAttributes != null) {
                index.add(newAttributes);
            }
            resumable.changed(old == null ? null : oldAttributes, newAttributes, old, newState);
        }
        onChange.run();
    }

    /**
     * The object a POST, PUT or PATCH names, from the {@link StoreIndex} instead of a scan of the whole store
     * (which is what the mock does, and what made it slow at ten thousand pods).
     */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        synchronized (storeMonitor) {
            Optional<List<AttributeSet>> keys = index.find(attributes);
            if (keys.isEmpty()) {
                return super.findResource(attributes);
            }
            for (AttributeSet key : keys.get()) {
                String json = map.get(key);
                if (json != null) {
                    return Map.entry(key, json);
                }
            }
            return null;
        }
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        lastResourceVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    /** @return every stored object and the last resourceVersion, consistent with each other */
    Snapshot snapshot() {
        synchronized (storeMonitor) {
            List<StoredObject> objects = new ArrayList<>(map.size());
            for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
                itemPath(entry.getKey()).ifPresentOrElse(p -> objects.add(new StoredObject(p, entry.getValue())),
                        () -> LOG.warn("not persisting an object stored without a full path: {}", entry.getKey()));
            }
            return new Snapshot(lastResourceVersion.get(), objects);
        }
    }

    /**
     * Loads a snapshot into an empty store, before the server starts. Goes through the same processEvent as a
     * create, so keys and CRD registrations are what a POST would have made; resourceVersions continue from the
     * saved one, so they never move backwards across a restart.
     *
     * @param snapshot what {@link #snapshot()} returned in an earlier process
     */
    void restore(Snapshot snapshot) {
        long highestUid = 0;
        for (StoredObject object : snapshot.objects()) {
            GenericKubernetesResource resource = Serialization.unmarshal(object.json(), GenericKubernetesResource.class);
            processEvent(object.path(), getKey(object.path()), null, resource, object.json());
            highestUid = Math.max(highestUid, sequentialUid(resource.getMetadata().getUid()));
        }
        while (lastResourceVersion.get() < snapshot.resourceVersion()) {
            requestResourceVersion();
        }
        // The mock's uids come from a counter that starts at 0 in every JVM (Utils.generateId): without this, the
        // first object created after a restart would get the uid of a restored one.
        while (Utils.generateId().getLeastSignificantBits() < highestUid) {
            // skip the uids restored objects hold
        }
        // What happened before this process is not in its watch history: older versions get 410 Gone.
        synchronized (storeMonitor) {
            resumable.startAt(lastResourceVersion.get());
        }
    }

    /** @return the key the mock stores an object under (as its processEvent computes it) */
    private AttributeSet keyOf(AttributeSet pathAttributes, GenericKubernetesResource resource, String json) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(json);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    /** @return a query parameter of a request path, URL-decoded */
    private static Optional<String> queryParameter(String path, String name) {
        int query = path.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : path.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** @return the counter value in a uid the mock generated ({@code 00000000-0000-0000-0000-00000000002a}), else 0 */
    private static long sequentialUid(String uid) {
        try {
            UUID parsed = UUID.fromString(uid);
            return parsed.getMostSignificantBits() == 0 ? parsed.getLeastSignificantBits() : 0;
        } catch (IllegalArgumentException | NullPointerException e) {
            return 0;
        }
    }

    /** @return how many objects are stored */
    int objectCount() {
        return map.size();
    }

    private MockResponse admin(HttpMethod method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (bare.equals("/simcluster/health") && method == HttpMethod.GET) {
            return json(200, "{\"status\":\"UP\",\"controllerSynced\":" + controllerSynced.getAsBoolean()
                    + ",\"objects\":" + objectCount() + ",\"openWatches\":" + watches.openCount()
                    + ",\"resourceVersion\":" + lastResourceVersion.get() + "}");
        }
        if (bare.equals("/simcluster/expire-watches") && method == HttpMethod.POST) {
            int expired = watches.expireAll();
            LOG.info("expired {} watches with 410 Gone", expired);
            return json(200, "{\"expired\":" + expired + "}");
        }
        if (bare.equals("/simcluster/deny")) {
            return denyRules(method, path);
        }
        if (bare.startsWith(CaptureEndpoint.PREFIX) && method == HttpMethod.GET) {
            return captures.answer(bare);
        }
        return status(404, "NotFound", "no admin endpoint " + method + " " + bare
                + " (GET /simcluster/health, POST /simcluster/expire-watches, GET|POST|DELETE /simcluster/deny,"
                + " GET " + CaptureEndpoint.PREFIX + "NAMESPACE/POD)");
    }

    /** GET lists the deny rules, POST {@code ?rule=verb:resource[:namespace]} adds one, DELETE clears them. */
    private MockResponse denyRules(HttpMethod method, String path) {
        if (method == HttpMethod.POST) {
            try {
                DenyRule parsed = DenyRule.parse(queryParameter(path, "rule").orElse(null));
                reviews.deny(parsed);
                LOG.info("access reviews now deny {}", parsed);
            } catch (IllegalArgumentException e) {
                return status(400, "BadRequest", e.getMessage());
            }
        } else if (method == HttpMethod.DELETE) {
            reviews.allowAll();
            LOG.info("access reviews allow everything again");
        } else if (method != HttpMethod.GET) {
            return status(405, "MethodNotAllowed", "GET, POST ?rule=verb:resource[:namespace] or DELETE");
        }
        return json(200, "{\"rules\":" + Serialization.asJson(reviews.rules().stream().map(DenyRule::toString)
                .toList()) + "}");
    }

    private static Optional<String> itemPath(AttributeSet key) {
        Optional<String> version = value(key, KubernetesAttributesExtractor.VERSION);
        Optional<String> plural = value(key, KubernetesAttributesExtractor.PLURAL);
        Optional<String> name = value(key, KubernetesAttributesExtractor.NAME);
        if (version.isEmpty() || plural.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        value(key, KubernetesAttributesExtractor.API).ifPresentOrElse(
                group -> path.append("/apis/").append(group), () -> path.append("/api"));
        path.append('/').append(version.get());
        value(key, KubernetesAttributesExtractor.NAMESPACE).ifPresent(ns -> path.append("/namespaces/").append(ns));
        return Optional.of(path.append('/').append(plural.get()).append('/').append(name.get()).toString());
    }

    private static Optional<String> value(AttributeSet key, String name) {
        Attribute attribute = key.getAttribute(name);
        if (attribute == null || attribute.getValues().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(attribute.getValues().get(0).toString()).filter(v -> !v.isEmpty());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse status(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + Serialization.asJson(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return json(code, body);
    }
}
