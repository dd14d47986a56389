package io.wirewrap.sql.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prints JSON the way PostgreSQL prints jsonb: {@code ", "} and {@code ": "} separators and object keys in
 * jsonb's storage order (shorter keys first, then bytewise), so results match what a real server shows.
 */
public final class JsonbText {
    // numbers stay exact decimals (jsonb stores numeric): 1.50 stays 1.50, 1e3 prints 1000
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private JsonbText() {}

    public static String normalize(String json) {
        try {
            StringBuilder out = new StringBuilder(json.length() + 16);
            write(MAPPER.readTree(json), out);
            return out.toString();
        } catch (JsonProcessingException e) {
            return json; // not JSON after all: show it as it came
        }
    }

    private static void write(JsonNode n, StringBuilder out) throws JsonProcessingException {
        if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            ((ObjectNode) n).fields().forEachRemaining(fields::add);
            fields.sort(Comparator.<Map.Entry<String, JsonNode>>comparingInt(e -> utf8Length(e.getKey()))
                    .thenComparing(Map.Entry::getKey, JsonbText::bytewise));
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) out.append(", ");
                out.append(MAPPER.writeValueAsString(fields.get(i).getKey())).append(": ");
                write(fields.get(i).getValue(), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) out.append(", ");
                write(n.get(i), out);
            }
            out.append(']');
        } else if (n.isBigDecimal()) {
            out.append(n.decimalValue().toPlainString());
        } else {
            out.append(MAPPER.writeValueAsString(n));
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static int bytewise(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
