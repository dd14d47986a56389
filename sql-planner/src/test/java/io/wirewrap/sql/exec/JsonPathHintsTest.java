package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.JsonPathRef;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.plan.AnalyzedQuery;
import io.wirewrap.sql.plan.Analyzer;
import io.wirewrap.sql.plan.PgLexer;
import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.plan.ScanSlot;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.Settings;
import io.wirewrap.stripe.StripeSource;
import io.wirewrap.stripe.registry.WrappersTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON paths the analyzer hands each scan (they become Stripe's expand[]): every clause, per alias, with
 * {@code #>}/{@code #>>} paths split and a non-literal key ending the path. Planning only: nothing is fetched.
 */
class JsonPathHintsTest {
    private final Map<String, ForeignTable> tables = new HashMap<>();
    private final SessionContext session = new SessionContext(new SessionInfo("alice", "postgres", Map.of(), 1), true,
            new EngineServices(null), new Settings());

    JsonPathHintsTest() {
        var source = new StripeSource();
        var server = new SourceOptions(Map.of("api_key", "sk_test_x", "api_url", "http://127.0.0.1:9/v1/"));
        for (String object : List.of("customers", "charges")) {
            tables.put(object, source.open(new TableDef(object, WrappersTables.columns(object), Map.of("object", object)), server));
        }
    }

    private AnalyzedQuery analyze(String sql) {
        Analyzer analyzer = new Analyzer((schema, name, s) -> Optional.ofNullable(tables.get(name))
                .map(t -> new ResolvedForeignTable("stripe", t, t.definition(), 1)), null, session);
        return analyzer.analyze(QueryHandler.parse(PgLexer.prepare(sql)));
    }

    private static List<List<String>> paths(ScanSlot slot) {
        return slot.jsonPaths().stream().peek(p -> assertEquals("attrs", p.column())).map(JsonPathRef::path).toList();
    }

    @Test
    void everyClauseOfEachAliasIsCollected() {
        AnalyzedQuery q = analyze("select c.attrs->'customer'->>'email', count(*) from stripe.charges c "
                + "join stripe.customers k on k.id = c.customer and k.attrs->'address'->>'city' = 'Paris' "
                + "where c.attrs #>> '{payment_intent,customer,email}' is not null "
                + "group by c.attrs->'customer'->>'email', c.attrs->'invoice'->'subscription' "
                + "order by max(k.attrs->'metadata'->>'plan')");
        ScanSlot charges = q.scans().stream().filter(s -> s.qualifier().equals("c")).findFirst().orElseThrow();
        ScanSlot customers = q.scans().stream().filter(s -> s.qualifier().equals("k")).findFirst().orElseThrow();
        assertEquals(List.of(List.of("customer", "email"), List.of("payment_intent", "customer", "email"),
                List.of("invoice", "subscription")), paths(charges));
        assertEquals(List.of(List.of("address", "city"), List.of("metadata", "plan")), paths(customers));
    }

    @Test
    void literalKeysOnlyAndPlainColumnsAreNoPaths() {
        AnalyzedQuery q = analyze("select attrs->'customer'->>$1, attrs->'refunds'->0->'id', attrs->'customer', customer "
                + "from stripe.charges where id = 'ch_1'");
        assertEquals(List.of(List.of("customer"), List.of("refunds")), paths(q.scans().get(0)));
        assertEquals(List.of(), analyze("select id, customer from stripe.charges").scans().get(0).jsonPaths());
    }

    @Test
    void postgresFdwParenthesisedChainsCount() {
        AnalyzedQuery q = analyze("SELECT r1.id, ((r1.attrs -> 'customer') ->> 'email') FROM stripe.charges r1 WHERE ((r1.customer = 'cus_1'))");
        assertTrue(paths(q.scans().get(0)).contains(List.of("customer", "email")), paths(q.scans().get(0)).toString());
    }
}
