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
    private final ConcurrentSkipListMap<Key, StoredObject> ordered = new ConcurrentSkipListMap<>(LIST_ORDER);
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
    public synchronized StoredObject put(ObjectNode node) {
        StoredObject o = new StoredObject(node.get("id").asText(), node.path("created").asLong(0), Json.bytes(node),
                indexValues(node));
        StoredObject old = byId.put(o.id(), o);
        if (old != null && old.created() != o.created()) ordered.remove(keyOf(old));
        ordered.put(keyOf(o), o);
        return o;
    }

    public synchronized StoredObject remove(String id) {
        StoredObject old = byId.remove(id);
        if (old != null) ordered.remove(keyOf(old));
        return old;
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
}
