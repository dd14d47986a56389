package io.wirewrap.sql.exec;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.plan.ForeignTableResolver;
import io.wirewrap.sql.plan.ResolvedForeignTable;
import io.wirewrap.sql.session.EngineServices;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.Settings;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Deterministic Stripe-like data (customers, charges) as foreign tables, plus a session to run SQL in. */
final class Fixtures {
    final MemoryTable customers;
    final MemoryTable charges;
    final EngineServices services = new EngineServices(null);
    final SessionContext session;
    final QueryHandler handler = new QueryHandler();

    static final List<ColumnDef> CUSTOMER_COLS = List.of(
            ColumnDef.of("id", ColumnType.TEXT), ColumnDef.of("email", ColumnType.TEXT), ColumnDef.of("name", ColumnType.TEXT),
            ColumnDef.of("balance", ColumnType.INT8), ColumnDef.of("created", ColumnType.TIMESTAMP),
            ColumnDef.of("attrs", ColumnType.JSONB));
    static final List<ColumnDef> CHARGE_COLS = List.of(
            ColumnDef.of("id", ColumnType.TEXT), ColumnDef.of("customer", ColumnType.TEXT), ColumnDef.of("amount", ColumnType.INT8),
            ColumnDef.of("currency", ColumnType.TEXT), ColumnDef.of("status", ColumnType.TEXT), ColumnDef.of("paid", ColumnType.BOOL),
            ColumnDef.of("created", ColumnType.TIMESTAMP), ColumnDef.of("attrs", ColumnType.JSONB));

    Fixtures(int customerCount, int chargeCount) {
        customers = new MemoryTable(MemoryTable.def("customers", CUSTOMER_COLS), customerRows(customerCount), "id",
                Set.of("id", "email"), Set.of("created"), 100);
        charges = new MemoryTable(MemoryTable.def("charges", CHARGE_COLS), chargeRows(chargeCount, customerCount), "id",
                Set.of("id", "customer", "status"), Set.of("created"), 100);
        services.register(ForeignTableResolver.class, new ForeignTableResolver() {
            @Override
            public Optional<ResolvedForeignTable> resolve(String schema, String name, SessionContext s) {
                if (schema != null && !schema.equals("stripe")) return Optional.empty();
                return switch (name) {
                    case "customers" -> Optional.of(new ResolvedForeignTable("stripe", customers, customers.def, 40001));
                    case "charges" -> Optional.of(new ResolvedForeignTable("stripe", charges, charges.def, 40002));
                    default -> Optional.empty();
                };
            }
        });
        session = new SessionContext(new SessionInfo("alice", "postgres", Map.of(), 1), true, services, new Settings());
    }

    static List<Object[]> customerRows(int n) {
        List<Object[]> rows = new ArrayList<>();
        String[] plans = {"free", "pro", "team"};
        for (int i = 1; i <= n; i++) {
            String plan = plans[i % 3];
            rows.add(new Object[] {"cus_" + i, i % 7 == 0 ? null : "user" + i + "@example.com", "Customer " + i,
                    (long) (i * 37 % 1000 - 300), LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(i * 5L),
                    "{\"id\":\"cus_" + i + "\",\"metadata\":{\"plan\":\"" + plan + "\",\"rank\":" + i + "},\"tags\":[\"a\",\"b" + (i % 4) + "\"]}"});
        }
        return rows;
    }

    static List<Object[]> chargeRows(int n, int customers) {
        List<Object[]> rows = new ArrayList<>();
        String[] statuses = {"succeeded", "succeeded", "failed", "pending"};
        for (int i = 1; i <= n; i++) {
            String status = statuses[i % 4];
            rows.add(new Object[] {"ch_" + i, "cus_" + (i * 7 % customers + 1), (long) (i * 113 % 5000 + 50),
                    i % 5 == 0 ? "eur" : "usd", status, !status.equals("failed"),
                    LocalDateTime.of(2024, 3, 1, 12, 0).plusMinutes(i * 97L),
                    "{\"id\":\"ch_" + i + "\",\"metadata\":{\"order\":\"" + (1000 + i) + "\"},\"outcome\":{\"risk_score\":" + (i % 90) + "}}"});
        }
        return rows;
    }

    PreparedQuery prepare(String sql, int... types) {
        return handler.prepare(sql, types, session).orElseThrow();
    }

    List<Object[]> rows(String sql, Object... params) {
        try (QueryResult r = prepare(sql).execute(List.of(params), ctx())) {
            List<Object[]> out = new ArrayList<>();
            Object[] row;
            while ((row = r.next()) != null) out.add(row);
            return out;
        }
    }

    static ExecContext ctx() {
        return new ExecContext(new io.wirewrap.fdw.CancelToken(), n -> {});
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
