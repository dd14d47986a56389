package io.wirewrap.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;
import io.wirewrap.emulator.spec.StripeSpec;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Every object of one account (the platform, or one connected account through {@code Stripe-Account}). */
public final class AccountData {
    private final StripeSpec spec;
    private final Map<String, TypeStore> types = new ConcurrentHashMap<>();
    /** currency -> {available, pending}, kept as balance transactions arrive so GET /v1/balance is O(currencies). */
    private final Map<String, long[]> balance = new TreeMap<>();

    public AccountData(StripeSpec spec) { this.spec = spec; }

    private volatile boolean loading;
    /** Writes in one account run one at a time, so read-check-write transitions (refund vs. refund) are atomic. */
    private final java.util.concurrent.locks.ReentrantLock writes = new java.util.concurrent.locks.ReentrantLock();

    public java.util.concurrent.locks.ReentrantLock writeLock() { return writes; }

    public TypeStore type(ResourceType type) {
        return types.computeIfAbsent(type.object(), o -> {
            TypeStore store = new TypeStore(type, IndexedFields.of(type, spec.schema(type.schema()).path("properties")));
            if (loading) store.beginLoad();
            return store;
        });
    }

    /** Bulk loading for the seed generator: see {@link TypeStore#beginLoad()}. */
    public synchronized void beginLoad() {
        loading = true;
        types.values().forEach(TypeStore::beginLoad);
    }

    public synchronized void endLoad() {
        loading = false;
        types.values().forEach(TypeStore::endLoad);
    }

    public TypeStore type(String object) {
        ResourceType t = spec.byObject(object);
        if (t == null) throw new IllegalArgumentException("unknown object type " + object);
        return type(t);
    }

    /** Finds any object by id, judging its type by prefix first. */
    public StoredObject find(String id) {
        ResourceType t = spec.byId(id);
        if (t != null) {
            TypeStore s = types.get(t.object());
            StoredObject o = s == null ? null : s.get(id);
            if (o != null) return o;
        }
        for (TypeStore s : types.values()) {
            StoredObject o = s.get(id);
            if (o != null) return o;
        }
        return null;
    }

    /** Stores a new or changed object of its own {@code object} type. */
    public StoredObject put(ObjectNode node) {
        String object = node.get("object").asText();
        TypeStore store = type(object);
        boolean isNew = store.get(node.get("id").asText()) == null;
        StoredObject stored = store.put(node);
        if (isNew && "balance_transaction".equals(object)) account(node);
        return stored;
    }

    private synchronized void account(ObjectNode txn) {
        long[] sums = balance.computeIfAbsent(txn.path("currency").asText("usd"), c -> new long[2]);
        sums["available".equals(txn.path("status").asText()) ? 0 : 1] += txn.path("net").asLong();
    }

    /** {currency -> [available, pending]} in currency order. */
    public synchronized Map<String, long[]> balances() {
        Map<String, long[]> copy = new TreeMap<>();
        balance.forEach((c, v) -> copy.put(c, v.clone()));
        return copy;
    }

    /** What a deleted object's retrieve answers, where Stripe keeps one ({@code {"id", "object", "deleted": true}}). */
    private final Map<String, byte[]> tombstones = new ConcurrentHashMap<>();

    public void bury(String id, byte[] deletedObject) { tombstones.put(id, deletedObject); }

    public byte[] tombstone(String id) { return tombstones.get(id); }

    public Iterable<TypeStore> stores() { return types.values(); }

    public synchronized void clear() {
        types.values().forEach(TypeStore::clear);
        balance.clear();
        tombstones.clear();
    }
}
