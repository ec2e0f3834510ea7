package org.osc.sample.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.osc.api.manager.ManagerException;

/**
 * Owns the sample manager's state: one immutable {@link SampleState} at a time, replaced as a whole by each
 * successful change and written to disk before it becomes visible. Calls are serialized; a sample manager
 * needs consistency far more than throughput.
 */
final class SampleRepository {

    /** Work on an inventory copy; may throw the SPI's typed errors. */
    @FunctionalInterface
    interface Operation<T> {
        T apply(Inventory inventory) throws ManagerException;
    }

    private final SampleStateStore store;
    private final CallCounters counters = new CallCounters();
    private SampleState current;

    SampleRepository(Path stateFile) {
        store = new SampleStateStore(stateFile);
        try {
            current = store.loadOrSeed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load sample manager state from " + store.file(), e);
        }
    }

    Path stateFile() {
        return store.file();
    }

    CallCounters counters() {
        return counters;
    }

    synchronized SampleState snapshot() {
        return current;
    }

    /** Runs a read-only operation and counts the call. */
    synchronized <T> T read(String operation, Operation<T> op) throws ManagerException {
        counters.record(operation, false);
        return op.apply(Inventory.of(current));
    }

    /**
     * Runs a mutating operation on a copy; keeps and persists the copy only if the operation succeeded and
     * changed something, so an idempotent repeat neither writes the file nor counts as a change.
     */
    synchronized <T> T write(String operation, Operation<T> op) throws ManagerException {
        boolean changed = false;
        try {
            Inventory inventory = Inventory.of(current);
            T result = op.apply(inventory);
            SampleState next = inventory.toState();
            if (!next.equals(current)) {
                store.save(next);
                current = next;
                changed = true;
            }
            return result;
        } catch (IOException e) {
            throw new ManagerException("sample manager could not persist its state", e);
        } finally {
            counters.record(operation, changed);
        }
    }
}
