package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.stripe.write.Actions;
import io.wirewrap.testkit.RepoPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionsTest {
    static Fixture fx;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(100));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void everyActionIsAnEndpointOfTheSpec() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(RepoPaths.stripeSpecDir().resolve("spec3.json").toFile()).path("paths");
        for (Actions.Action a : Actions.ALL) {
            String specPath = null;
            for (var it = paths.fieldNames(); it.hasNext(); ) {
                String p = it.next();
                if (p.replaceAll("\\{[^}]+}", "{id}").equals(a.path())) specPath = p;
            }
            assertNotNull(specPath, a.path());
            assertTrue(paths.path(specPath).has(a.method().toLowerCase(Locale.ROOT)), a.name());
        }
        assertEquals(Actions.ALL.size() + 1, fx.source.functions().size()); // and the generic request
    }

    private Object[] call(String fn, Object... args) {
        try (RowStream s = fx.source.call(fn, Arrays.asList(args), new SourceOptions(fx.server), ScanContext.detached())) {
            return s.next();
        }
    }

    @Test
    void subscriptionCancel() {
        ObjectNode sub = fx.emu.store().list("subscription").stream().filter(o -> "active".equals(o.path("status").asText()))
                .findFirst().orElseThrow();
        fx.emu.clearRequestLog();
        Object[] row = call("subscription_cancel", sub.path("id").asText());
        assertEquals(sub.path("id").asText(), row[0]);
        assertEquals("canceled", row[2]);
        LoggedRequest r = fx.emu.requestLog().get(0);
        assertEquals("DELETE /v1/subscriptions/" + sub.path("id").asText(), r.method() + " " + r.path());
    }

    @Test
    void invoiceVoidPostsWithIdempotencyKey() {
        ObjectNode inv = fx.emu.store().list("invoice").stream().filter(o -> "open".equals(o.path("status").asText()))
                .findFirst().orElse(null);
        if (inv == null) return;
        fx.emu.clearRequestLog();
        Object[] row = call("invoice_void", inv.path("id").asText());
        assertEquals("void", row[2]);
        LoggedRequest r = fx.emu.requestLog().get(0);
        assertEquals("POST /v1/invoices/" + inv.path("id").asText() + "/void", r.method() + " " + r.path());
        assertNotNull(r.idempotencyKey());
    }

    @Test
    void unknownFunctionAndBadId() {
        assertEquals("42704", assertThrows(FdwException.class, () -> call("nope", "x")).sqlState());
        assertEquals("22023", assertThrows(FdwException.class, () -> call("invoice_pay", (Object) null)).sqlState());
        List<?> none = List.of();
        assertNotNull(none);
    }
}
