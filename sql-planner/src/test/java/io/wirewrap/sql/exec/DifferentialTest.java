package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the corpus in {@code differential/queries.sql} on a throwaway PostgreSQL 15 holding the fixture rows as
 * ordinary tables and on wirewrap holding them as foreign tables, and compares column names, type OIDs and
 * values (in order when the query has a top-level ORDER BY, as multisets otherwise). Skipped queries carry their
 * reason in the corpus and in docs/compatibility.md.
 */
class DifferentialTest {
    private static final int CUSTOMERS = 300;
    private static final int CHARGES = 2000;

    record Case(String sql, String skip) {}

    @Test
    void corpusMatchesPostgres() throws Exception {
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        List<Case> cases = corpus();
        Fixtures f = new Fixtures(CUSTOMERS, CHARGES);
        int pass = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(15, "TimeZone = 'UTC'"); Connection c = pg.connect()) {
            load(c);
            for (Case k : cases) {
                if (k.skip != null) {
                    skipped++;
                    continue;
                }
                String problem;
                try {
                    problem = compare(k.sql, c, f);
                } catch (Exception | AssertionError e) {
                    problem = "error: " + e;
                }
                if (problem == null) pass++;
                else failures.add(k.sql + "\n    " + problem);
            }
        }
        System.out.println("differential: " + pass + " passed, " + failures.size() + " failed, " + skipped + " skipped (excluded, see docs/compatibility.md) of " + cases.size());
        failures.forEach(m -> System.out.println("MISMATCH " + m));
        assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    static List<Case> corpus() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = DifferentialTest.class.getResourceAsStream("/differential/queries.sql")) {
            String skip = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty()) continue;
                if (l.startsWith("-- skip:")) {
                    skip = l.substring(8).strip();
                    continue;
                }
                if (l.startsWith("--")) continue;
                out.add(new Case(l, skip));
                skip = null;
            }
        }
        return out;
    }

    private static void load(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("create schema stripe");
            st.execute("create table stripe.customers (id text, email text, name text, balance bigint, created timestamp, attrs jsonb)");
            st.execute("create table stripe.charges (id text, customer text, amount bigint, currency text, status text, paid boolean, created timestamp, attrs jsonb)");
        }
        insert(c, "insert into stripe.customers values (?,?,?,?,?,?::jsonb)", Fixtures.customerRows(CUSTOMERS));
        insert(c, "insert into stripe.charges values (?,?,?,?,?,?,?,?::jsonb)", Fixtures.chargeRows(CHARGES, CUSTOMERS));
    }

    private static void insert(Connection c, String sql, List<Object[]> rows) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) ps.setObject(i + 1, r[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Null when both agree, else what differs. */
    private static String compare(String sql, Connection c, Fixtures f) throws Exception {
        List<String> pgNames = new ArrayList<>();
        List<String> pgTypes = new ArrayList<>();
        List<List<String>> pgRows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                pgNames.add(md.getColumnLabel(i));
                pgTypes.add(md.getColumnTypeName(i));
            }
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
                pgRows.add(row);
            }
        }
        List<String> wwNames = new ArrayList<>();
        List<String> wwTypes = new ArrayList<>();
        List<List<String>> wwRows = new ArrayList<>();
        try (QueryResult r = f.prepare(sql).execute(List.of(), Fixtures.ctx())) {
            for (ResultColumn col : r.columns()) {
                wwNames.add(col.name());
                wwTypes.add(TYPE_NAMES.getOrDefault(col.typeOid(), "oid" + col.typeOid()));
            }
            Object[] row;
            while ((row = r.next()) != null) {
                List<String> out = new ArrayList<>();
                for (Object v : row) out.add(text(v));
                wwRows.add(out);
            }
        }
        if (!pgNames.equals(wwNames)) return "names: postgres " + pgNames + " wirewrap " + wwNames;
        if (!pgTypes.equals(wwTypes)) return "types: postgres " + pgTypes + " wirewrap " + wwTypes;
        boolean ordered = sql.toLowerCase().matches(".*\\border by\\b[^)]*$");
        if (!ordered) {
            java.util.Comparator<List<String>> cmp = java.util.Comparator.comparing(Object::toString);
            pgRows.sort(cmp);
            wwRows.sort(cmp);
        }
        if (!pgRows.equals(wwRows)) {
            return "rows: postgres " + head(pgRows) + " wirewrap " + head(wwRows);
        }
        return null;
    }

    private static String head(List<List<String>> rows) {
        return rows.size() + " " + (rows.size() > 4 ? rows.subList(0, 4) + "..." : rows);
    }

    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(
            Map.entry(16, "bool"), Map.entry(17, "bytea"), Map.entry(20, "int8"), Map.entry(21, "int2"),
            Map.entry(23, "int4"), Map.entry(25, "text"), Map.entry(700, "float4"), Map.entry(701, "float8"),
            Map.entry(1700, "numeric"), Map.entry(1082, "date"), Map.entry(1114, "timestamp"),
            Map.entry(1184, "timestamptz"), Map.entry(1186, "interval"), Map.entry(3802, "jsonb"), Map.entry(114, "json"),
            Map.entry(2950, "uuid"), Map.entry(1009, "_text"), Map.entry(1016, "_int8"), Map.entry(1007, "_int4"),
            Map.entry(1043, "varchar"), Map.entry(1083, "time"), Map.entry(26, "oid"), Map.entry(19, "name"),
            Map.entry(2206, "regtype"));

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The PostgreSQL text output of a value the engine returned. */
    static String text(Object v) {
        if (v == null) return null;
        return switch (v) {
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case Double d -> floatText(d);
            case Float x -> floatText(x.doubleValue());
            case LocalDateTime t -> TS.format(t) + fraction(t.getNano());
            case OffsetDateTime o -> TS.format(o.withOffsetSameInstant(ZoneOffset.UTC)) + fraction(o.getNano()) + "+00";
            case LocalDate d -> d.toString();
            default -> v.toString();
        };
    }

    private static String floatText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    private static String fraction(int nanos) {
        if (nanos == 0) return "";
        String s = String.format("%09d", nanos).substring(0, 6).replaceAll("0+$", "");
        return "." + s;
    }
}
