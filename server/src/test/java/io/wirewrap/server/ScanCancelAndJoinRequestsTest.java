package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.LoggedRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Through pgjdbc against the whole product and the emulator: {@code Statement.cancel()} in the middle of a scan,
 * and what a dependent join costs in Stripe requests as EXPLAIN ANALYZE reports it.
 */
class ScanCancelAndJoinRequestsTest {
    static FullStack stack;

    @BeforeAll
    static void start() {
        stack = new FullStack(1000, "pw");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static List<LoggedRequest> requestsTo(String pathPrefix) {
        return stack.emulator.requestLog().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select id, email, attrs from stripe.customers",                 // fast path: streamed to the client
            "select count(*), max(attrs->>'email') from stripe.customers"})  // local engine: loaded, then aggregated
    void cancelDuringAScanStopsItsRequestsAndTheConnectionSurvives(String sql) throws Exception {
        // slow pages: the scan of 10 pages is certainly under way when the cancel arrives
        stack.emulator.faults().latency(Duration.ofMillis(400), Duration.ZERO);
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            try (Statement s = c.createStatement()) {
                s.execute("set statement_timeout = 0");
            }
            stack.emulator.clearRequestLog();
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) { /* drain */ }
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            while (requestsTo("/v1/customers").isEmpty()) Thread.sleep(20);
            st.cancel();
            SQLException e = outcome.get();
            assertTrue(e != null, "the scan was not cancelled");
            assertEquals("57014", e.getSQLState(), e.getMessage());

            // no request is sent after the in-flight ones have answered: the count settles and stays put
            int settled = settledRequestCount();
            Thread.sleep(1500);
            assertEquals(settled, stack.emulator.requestLog().size(), "requests continued after the cancel");
            assertTrue(settled < 10, "the whole table was listed anyway: " + settled + " requests");
        } finally {
            stack.emulator.faults().reset();
        }
        try (Connection c = stack.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void theSameConnectionRunsTheNextQueryAfterACancel() throws Exception {
        stack.emulator.faults().latency(Duration.ofMillis(400), Duration.ZERO);
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            stack.emulator.clearRequestLog();
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = st.executeQuery("select id from stripe.customers")) {
                    while (rs.next()) { /* drain */ }
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            while (requestsTo("/v1/customers").isEmpty()) Thread.sleep(20);
            st.cancel();
            assertEquals("57014", outcome.get().getSQLState());
            stack.emulator.faults().reset();
            try (ResultSet rs = st.executeQuery("select count(*) from stripe.customers")) {
                assertTrue(rs.next());
                assertEquals(stack.emulator.store().count("customer"), rs.getLong(1));
            }
        } finally {
            stack.emulator.faults().reset();
        }
    }

    private static int settledRequestCount() throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 100; i++) {
            int now = stack.emulator.requestLog().size();
            if (now == last) return now;
            last = now;
            Thread.sleep(500);
        }
        return last;
    }

    private static final Pattern REQUESTS = Pattern.compile("Requests: (\\d+)");

    @Test
    void dependentJoinRequestsAsExplainAnalyzeReportsThem() throws Exception {
        // three customers that have charges, chosen by email (a filter Stripe takes)
        List<ObjectNode> customers = stack.emulator.store().list("customer").stream().filter(c -> c.hasNonNull("email")).toList();
        Set<String> withCharges = stack.emulator.store().list("charge").stream()
                .filter(ch -> ch.hasNonNull("customer")).map(ch -> ch.get("customer").asText()).collect(Collectors.toSet());
        List<ObjectNode> chosen = customers.stream().filter(c -> withCharges.contains(c.get("id").asText())).limit(3).toList();
        Set<String> ids = chosen.stream().map(c -> c.get("id").asText()).collect(Collectors.toSet());
        String emails = chosen.stream().map(c -> "'" + c.get("email").asText() + "'").collect(Collectors.joining(", "));
        long expectedRows = stack.emulator.store().list("charge").stream()
                .filter(ch -> ch.hasNonNull("customer") && ids.contains(ch.get("customer").asText())).count();
        int allCharges = stack.emulator.store().count("charge");

        String join = "select c.email, ch.id, ch.amount from stripe.customers c join stripe.charges ch on ch.customer = c.id "
                + "where c.email in (" + emails + ")";
        stack.emulator.clearRequestLog();
        List<String> plan = new ArrayList<>();
        try (Connection c = stack.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("explain analyze " + join)) {
            while (rs.next()) plan.add(rs.getString(1));
        }
        String text = String.join("\n", plan);
        int dependentLine = indexOf(plan, "Dependent Foreign Scan on stripe.charges ch");
        assertTrue(dependentLine >= 0, text);
        assertTrue(plan.get(dependentLine).contains("rows=" + expectedRows + " "), text);
        assertTrue(text.contains("(3 keys, batches of 100)"), text);
        long reportedCharges = requestsAfter(plan, dependentLine);
        long reportedCustomers = requestsAfter(plan, indexOf(plan, "Foreign Scan on stripe.customers c"));

        // what EXPLAIN ANALYZE says is what Stripe saw: one list per customer key, no full listing of charges
        List<LoggedRequest> chargeRequests = requestsTo("/v1/charges");
        assertEquals(chargeRequests.size(), reportedCharges, text);
        assertEquals(requestsTo("/v1/customers").size(), reportedCustomers, text);
        assertEquals(3, chargeRequests.size(), chargeRequests.toString());
        assertTrue(chargeRequests.stream().allMatch(r -> ids.contains(first(r, "customer"))), chargeRequests.toString());
        assertTrue(chargeRequests.size() < Math.ceil(allCharges / 100.0), "a full scan of charges would cost fewer requests");

        // and the join itself returns the right rows
        long rows = 0;
        try (Connection c = stack.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(join)) {
            while (rs.next()) rows++;
        }
        assertEquals(expectedRows, rows);
    }

    private static String first(LoggedRequest r, String param) {
        List<String> v = r.query().get(param);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int indexOf(List<String> plan, String text) {
        for (int i = 0; i < plan.size(); i++) if (plan.get(i).contains(text)) return i;
        return -1;
    }

    /** The "Requests: n" figure of the plan node starting at line {@code from}. */
    private static long requestsAfter(List<String> plan, int from) {
        for (int i = from + 1; i < plan.size(); i++) {
            Matcher m = REQUESTS.matcher(plan.get(i));
            if (m.find()) return Long.parseLong(m.group(1));
        }
        throw new AssertionError("no Requests line after line " + from + ":\n" + String.join("\n", plan));
    }
}
