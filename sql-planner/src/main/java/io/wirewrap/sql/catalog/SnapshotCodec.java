package io.wirewrap.sql.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Snapshot to and from one JSON document (the same format for the file store and the shared store). */
public final class SnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a newer wirewrap may add fields; an older one reading them must not fail
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotCodec() {}

    public static byte[] encode(CatalogSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsBytes(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CatalogSnapshot decode(byte[] json) {
        try {
            return MAPPER.readValue(json, CatalogSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog document is not readable: " + e.getMessage(), e);
        }
    }
}
