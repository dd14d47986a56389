package io.wirewrap.emulator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one ObjectMapper and the byte/tree conversions everyone needs. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    public static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of a field that may be an id string or an expanded object with an id. */
    public static String idOf(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return null;
        if (value.isObject()) return value.path("id").isTextual() ? value.get("id").asText() : null;
        if (value.isContainerNode()) return null;
        return value.asText();
    }
}
