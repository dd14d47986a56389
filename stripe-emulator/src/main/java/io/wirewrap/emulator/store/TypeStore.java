package io.wirewrap.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.spec.ResourceType;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * All objects of one type in one account, in list order: {@code created} descending, ties by id descending,
 * so pages are stable however they are cut.
 */
public final class TypeStore {
    /** Position in list order. */
    public record Key(long created, String id) {}

    /** Written out by hand: this comparator runs for every skip-list step of every insert and page. */
    public static final Comparator<Key> LIST_ORDER = (a, b) -> {
        int c = Long.compare(b.created(), a.created());
        return c != 0 ? c : b.id().compareTo(a.id());
    };

    private final ResourceType type;
    private final List<String> indexFields;
    private volatile ConcurrentSkipListMap<Key, StoredObject> ordered = new ConcurrentSkipListMap<>(LIST_ORDER);
    /** While bulk loading, puts only fill {@link #byId}; {@link #endLoad()} builds the order in one pass. */
    private volatile boolean loading;
    private final ConcurrentHashMap<String, StoredObject> byId = new ConcurrentHashMap<>();

    TypeStore(ResourceType type, List<String> indexFields) {
        this.type = type;
        this.indexFields = indexFields;
    }

    public ResourceType type() { return type; }
    public List<String> indexFields() { return indexFields; }
    public int size() { return byId.size(); }
    public StoredObject get(String id) { return byId.get(id); }

    /** Everything in list order. */
    public NavigableMap<Key, StoredObject> ordered() { return ordered; }

    public static Key keyOf(StoredObject o) { return new Key(o.created(), o.id()); }

    /** Inserts or replaces by id. {@code created} never changes for an id, so the position is stable. */
    public StoredObject put(ObjectNode node) {
        // serialise outside the lock: parallel seeding and concurrent writes only queue for the map updates
        StoredObject o = new StoredObject(node.get("id").asText(), node.path("created").asLong(0), Json.bytes(node),
                indexValues(node));
        if (loading) {
            byId.put(o.id(), o);
            return o;
        }
        synchronized (this) {
            StoredObject old = byId.put(o.id(), o);
            if (old != null && old.created() != o.created()) ordered.remove(keyOf(old));
            ordered.put(keyOf(o), o);
        }
        return o;
    }

    public synchronized StoredObject remove(String id) {
        StoredObject old = byId.remove(id);
        if (old != null) ordered.remove(keyOf(old));
        return old;
    }

    /**
     * Bulk mode for seeding: random-order inserts into a skip list cost more than the seeding itself, so the
     * list order is built once, from sorted keys, at {@link #endLoad()}.
     */
    public synchronized void beginLoad() {
        if (loading) return;
        loading = true;
        byId.clear();
        ordered.forEach((k, v) -> byId.put(k.id(), v));
    }

    public synchronized void endLoad() {
        if (!loading) return;
        StoredObject[] all = byId.values().toArray(StoredObject[]::new);
        Key[] keys = new Key[all.length];
        for (int i = 0; i < all.length; i++) keys[i] = keyOf(all[i]);
        Integer[] order = new Integer[all.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> LIST_ORDER.compare(keys[a], keys[b]));
        ordered = new ConcurrentSkipListMap<>(new SortedEntries(keys, all, order));
        loading = false;
    }

    public synchronized void clear() {
        byId.clear();
        ordered.clear();
    }

    /** Position of {@code field} among the indexed fields, or -1. */
    public int indexOf(String field) { return indexFields.indexOf(field); }

    private String[] indexValues(ObjectNode node) {
        String[] values = new String[indexFields.size()];
        for (int i = 0; i < values.length; i++) values[i] = IndexedFields.extract(type, indexFields.get(i), node);
        return values;
    }

    static String scalar(JsonNode v) { return Json.idOf(v); }

    /** Just enough of a SortedMap over sorted arrays for ConcurrentSkipListMap's linear-time bulk constructor. */
    private static final class SortedEntries extends java.util.AbstractMap<Key, StoredObject>
            implements java.util.SortedMap<Key, StoredObject> {
        private final Key[] keys;
        private final StoredObject[] values;
        private final Integer[] order;

        SortedEntries(Key[] keys, StoredObject[] values, Integer[] order) {
            this.keys = keys;
            this.values = values;
            this.order = order;
        }

        @Override public Comparator<? super Key> comparator() { return LIST_ORDER; }
        @Override public int size() { return order.length; }

        @Override
        public java.util.Set<Entry<Key, StoredObject>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override public int size() { return order.length; }

                @Override
                public java.util.Iterator<Entry<Key, StoredObject>> iterator() {
                    return new java.util.Iterator<>() {
                        int i;
                        @Override public boolean hasNext() { return i < order.length; }
                        @Override public Entry<Key, StoredObject> next() {
                            int at = order[i++];
                            return new SimpleImmutableEntry<>(keys[at], values[at]);
                        }
                    };
                }
            };
        }

        @Override public java.util.SortedMap<Key, StoredObject> subMap(Key a, Key b) { throw new UnsupportedOperationException(); }
        @Override public java.util.SortedMap<Key, StoredObject> headMap(Key k) { throw new UnsupportedOperationException(); }
        @Override public java.util.SortedMap<Key, StoredObject> tailMap(Key k) { throw new UnsupportedOperationException(); }
        @Override public Key firstKey() { return keys[order[0]]; }
        @Override public Key lastKey() { return keys[order[order.length - 1]]; }
    }
}
