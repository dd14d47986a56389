package io.wirewrap.stripe;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.stripe.plan.Encoding;
import io.wirewrap.stripe.write.FormEncoder;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pure encoding rules (no remote side involved). */
class FormEncoderTest {
    @Test
    void nestedJsonBecomesBrackets() {
        String f = new FormEncoder()
                .add("items", "[{\"price\": \"price_1\", \"quantity\": 2}]", true, false)
                .add("metadata", "{\"plan\": \"pro & co\"}", true, false)
                .add("attrs", "{\"metadata[foo]\": \"bar\", \"description\": \"x=y\"}", true, false)
                .encode();
        assertEquals("items[0][price]=price_1&items[0][quantity]=2&metadata[plan]=pro%20%26%20co&metadata[foo]=bar&description=x%3Dy", f);
    }

    @Test
    void scalarsAndUnset() {
        String f = new FormEncoder()
                .add("active", true, false, false)
                .add("trial_end", LocalDateTime.of(2024, 1, 1, 0, 0), false, false)
                .add("cancel_at", OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2)), false, false)
                .add("description", null, false, true)
                .add("name", null, false, false)
                .encode();
        assertEquals("active=true&trial_end=1704067200&cancel_at=1704067200&description=", f);
    }

    @Test
    void namesCannotSmuggleFields() {
        assertThrows(FdwException.class, () -> new FormEncoder().add("name&balance", "1", false, false));
        assertThrows(FdwException.class, () -> new FormEncoder().add("attrs", "{\"a=b\": \"1\"}", true, false));
        assertThrows(FdwException.class, () -> new FormEncoder().add("metadata", "{\"k\\n\": \"1\"}", true, false));
        // brackets in a JSON key would invent nesting the JSON does not have
        for (String key : new String[]{"a][b", "a]", "[a", "]&x=1", "a%26b", "k\\r", "ünï"}) {
            assertThrows(FdwException.class, () -> new FormEncoder().add("metadata", "{\"" + key + "\": \"1\"}", true, false), key);
            assertThrows(FdwException.class, () -> new FormEncoder().add("attrs", "{\"metadata\": {\"" + key + "\": \"1\"}}", true, false), key);
        }
        // a NULL that is not sent needs no valid name (postgres_fdw sends every column); an unset does
        assertEquals("", new FormEncoder().add("we\"ird; --", null, false, false).encode());
        assertThrows(FdwException.class, () -> new FormEncoder().add("we\"ird; --", null, false, true));
        // values are percent-encoded, never parsed
        assertEquals("metadata[k]=%5D%26x%3D1%0A", new FormEncoder().add("metadata", "{\"k\": \"]&x=1\\n\"}", true, false).encode());
    }

    @Test
    void gatewayBaseUrlKeepsItsPrefix() {
        var base = java.net.URI.create("https://gateway.example/stripe/v1/");
        assertEquals("https://gateway.example/stripe/v1/customers/cus_1?expand[]=x",
                io.wirewrap.stripe.http.StripeClient.resolve(base, "/v1/customers/cus_1?expand[]=x").toString());
        assertEquals("https://api.stripe.com/v1/charges?limit=100",
                io.wirewrap.stripe.http.StripeClient.resolve(java.net.URI.create("https://api.stripe.com/v1/"), "/v1/charges?limit=100").toString());
    }

    @Test
    void pathAndQueryEncoding() {
        assertEquals("/v1/customers/..%2F..%2Fv1%2Fcharges", Encoding.fill("/v1/customers/{customer}", Map.of("customer", "../../v1/charges")));
        assertEquals("/v1/customers/%2E%2E", Encoding.fill("/v1/customers/{customer}", Map.of("customer", "..")));
        assertEquals("email=a%2Bb%40x.com&created[gte]=5", Encoding.query(new java.util.LinkedHashMap<>(Map.of("email", "a+b@x.com"))) + "&created[gte]=5");
    }
}
