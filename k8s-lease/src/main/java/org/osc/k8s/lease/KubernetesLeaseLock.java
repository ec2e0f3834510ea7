package org.osc.k8s.lease;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseRecord;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * A {@link LeaseLock} on one {@code coordination.k8s.io/v1} Lease, compare-and-set on its
 * {@code metadata.resourceVersion}: a create fails with 409 if someone created it first, a replace with 409 if
 * someone changed it since it was read; either way someone else won, and the Lease is read again.
 *
 * <p><b>Expiry by the observer's clock.</b> The API server keeps no time of its own for a Lease: {@code renewTime}
 * is the holder's wall clock, which may differ from this replica's. As client-go and controller-runtime do, a
 * replica judges another's lease expired when it has seen the Lease (its resourceVersion) unchanged for
 * {@code leaseDurationSeconds} on its own monotonic clock since it last saw it change, not by comparing
 * {@code renewTime + leaseDurationSeconds} with its wall clock. A replica that first sees a held Lease therefore
 * waits a whole lease duration before taking it, and clock skew between nodes does not matter. A Lease without
 * holder (released) is free at once.
 *
 * <p>Not thread-safe: one election loop uses it.
 */
final class KubernetesLeaseLock implements LeaseLock {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final LongSupplier nanoClock;
    private final boolean ownsClient;
    /** The resourceVersion last seen, and when (nanoClock) it was first seen. */
    private String observedVersion;
    private long observedAtNanos;

    /**
     * @param client the client to use
     * @param namespace the Lease's namespace
     * @param name the Lease's name
     * @param nanoClock the monotonic clock expiry is judged by ({@code System::nanoTime}; tests pass their own)
     * @param ownsClient whether {@link #close()} closes the client
     */
    KubernetesLeaseLock(KubernetesClient client, String namespace, String name, LongSupplier nanoClock,
            boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.nanoClock = nanoClock;
        this.ownsClient = ownsClient;
    }

    @Override
    public LeaseRecord acquireOrRenew(String identity, Duration duration) throws LeaseException {
        Objects.requireNonNull(identity, "identity");
        Lease current = get();
        if (current == null) {
            return create(identity, duration);
        }
        observe(current);
        LeaseSpec spec = spec(current);
        boolean mine = identity.equals(spec.getHolderIdentity());
        if (!mine && !free(spec)) {
            return record(current);
        }
        Instant now = Instant.now();
        LeaseSpec next = new LeaseSpec();
        next.setHolderIdentity(identity);
        next.setLeaseDurationSeconds(seconds(duration));
        next.setRenewTime(microTime(now));
        next.setAcquireTime(mine && spec.getAcquireTime() != null ? spec.getAcquireTime() : microTime(now));
        // as client-go counts: every change of holder, a take-over after a release included
        long transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        next.setLeaseTransitions(Math.toIntExact(mine ? transitions : transitions + 1));
        current.setSpec(next);
        return replace(current, "update");
    }

    @Override
    public Optional<LeaseRecord> read() throws LeaseException {
        Lease current = get();
        if (current == null) {
            return Optional.empty();
        }
        observe(current);
        return Optional.of(record(current));
    }

    @Override
    public void release(String identity) throws LeaseException {
        for (int attempt = 0; attempt < 2; attempt++) {
            Lease current = get();
            if (current == null || !identity.equals(spec(current).getHolderIdentity())) {
                return;
            }
            LeaseSpec spec = spec(current);
            spec.setHolderIdentity(null);
            spec.setLeaseDurationSeconds(1);
            spec.setRenewTime(microTime(Instant.now()));
            try {
                KubernetesLeases.withOwnClassLoader(() -> client.resource(current).update());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw LeaseErrors.of(e, "update", namespace, server());
                }
                // changed since read: read again, and give it up if it is still ours
            }
        }
    }

    @Override
    public String describe() {
        return "Kubernetes Lease " + namespace + "/" + name + " at " + server();
    }

    /** Closes the client if this lock opened it. */
    void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private Lease get() throws LeaseException {
        try {
            return KubernetesLeases.withOwnClassLoader(() -> lease().get());
        } catch (KubernetesClientException e) {
            throw LeaseErrors.of(e, "get", namespace, server());
        }
    }

    private LeaseRecord create(String identity, Duration duration) throws LeaseException {
        Instant now = Instant.now();
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(identity);
        spec.setLeaseDurationSeconds(seconds(duration));
        spec.setAcquireTime(microTime(now));
        spec.setRenewTime(microTime(now));
        spec.setLeaseTransitions(0);
        Lease lease = new Lease();
        lease.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        lease.setSpec(spec);
        try {
            Lease created = KubernetesLeases.withOwnClassLoader(() -> client.resource(lease).create());
            observe(created);
            return record(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return readAfterLosing();
            }
            throw LeaseErrors.of(e, "create", namespace, server());
        }
    }

    private LeaseRecord replace(Lease changed, String verb) throws LeaseException {
        try {
            Lease stored = KubernetesLeases.withOwnClassLoader(() -> client.resource(changed).update());
            observe(stored);
            return record(stored);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return readAfterLosing();
            }
            throw LeaseErrors.of(e, verb, namespace, server());
        }
    }

    /** Someone else wrote the Lease first: what it holds now. */
    private LeaseRecord readAfterLosing() throws LeaseException {
        Lease current = get();
        if (current == null) {
            // created and deleted again in between: nobody holds it; the next round tries again
            return new LeaseRecord(null, null, null, Duration.ZERO, 0);
        }
        observe(current);
        return record(current);
    }

    private boolean free(LeaseSpec spec) {
        if (spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()) {
            return true;
        }
        long seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
        return nanoClock.getAsLong() - observedAtNanos >= Duration.ofSeconds(seconds).toNanos();
    }

    private void observe(Lease lease) {
        String version = lease.getMetadata().getResourceVersion();
        if (!Objects.equals(version, observedVersion)) {
            observedVersion = version;
            observedAtNanos = nanoClock.getAsLong();
        }
    }

    private Resource<Lease> lease() {
        return client.resources(Lease.class).inNamespace(namespace).withName(name);
    }

    private String server() {
        return String.valueOf(client.getMasterUrl());
    }

    private static LeaseSpec spec(Lease lease) {
        if (lease.getSpec() == null) {
            lease.setSpec(new LeaseSpec());
        }
        return lease.getSpec();
    }

    /** The lease with how long it still holds by this observer's clock (zero when free or expired). */
    private LeaseRecord record(Lease lease) {
        LeaseRecord seen = toRecord(lease);
        Duration left = Duration.ZERO;
        if (seen.holder() != null) {
            left = seen.duration().minusNanos(nanoClock.getAsLong() - observedAtNanos);
            left = left.isNegative() ? Duration.ZERO : left;
        }
        return new LeaseRecord(seen.holder(), seen.acquiredAt(), seen.renewedAt(), seen.duration(),
                seen.transitions(), left);
    }

    static LeaseRecord toRecord(Lease lease) {
        LeaseSpec spec = spec(lease);
        String holder = spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty() ? null
                : spec.getHolderIdentity();
        return new LeaseRecord(holder, instant(spec.getAcquireTime()), instant(spec.getRenewTime()),
                Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds()),
                spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions());
    }

    static int seconds(Duration duration) {
        long millis = Math.max(1, duration.toMillis());
        return Math.toIntExact(Math.max(1, (millis + 999) / 1000));
    }

    /** A Lease's times are MicroTimes: microseconds, UTC. */
    static ZonedDateTime microTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
