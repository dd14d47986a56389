package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.LoggedRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through pgjdbc: with {@code search 'auto'} a LIKE prefix becomes Stripe's substring search, and the rows the search
 * answers but LIKE does not match (the text inside the email, not at its start) never reach the client.
 */
class SearchRecheckTest {
    static FullStack stack;

    @BeforeAll
    static void start() {
        stack = new FullStack(60, "pw");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void likePrefixSearchIsRecheckedBeforeRowsReachTheClient() throws Exception {
        ObjectNode c = stack.emulator.store().list("customer").stream()
                .filter(o -> o.path("email").asText("").matches("[a-z]{4}.*")).findFirst().orElseThrow();
        String pre = c.path("email").asText().substring(0, 4);
        ObjectNode inside = c.deepCopy();
        inside.put("id", "cus_prefixinside1");
        inside.put("email", "zz" + pre + ".inside@example.com");
        stack.emulator.store().put(inside);
        Set<String> starting = new HashSet<>();
        for (ObjectNode o : stack.emulator.store().list("customer")) {
            if (o.path("email").asText("").startsWith(pre)) starting.add(o.path("id").asText());
        }
        assertTrue(starting.contains(c.path("id").asText()));

        try (Connection conn = stack.jdbc(); Statement st = conn.createStatement()) {
            st.execute("alter foreign table stripe.customers options (add search 'auto')");
            stack.emulator.clearRequestLog();
            Set<String> got = new HashSet<>();
            try (ResultSet rs = st.executeQuery("select id, email from stripe.customers where email like '" + pre + "%'")) {
                while (rs.next()) {
                    got.add(rs.getString(1));
                    assertTrue(rs.getString(2).startsWith(pre), rs.getString(2));
                }
            }
            assertEquals(starting, got);
            assertFalse(got.contains("cus_prefixinside1"), "the search's inner match is filtered out");
            List<LoggedRequest> log = stack.emulator.requestLog();
            assertEquals(1, log.size(), log.toString());
            assertEquals("/v1/customers/search", log.get(0).path());
            assertEquals(List.of("email~'" + pre + "'"), log.get(0).query().get("query"));
            assertEquals(200, log.get(0).status());
        }
    }
}
