package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identifiers and literals that would break naive SQL rewriting (quotes, semicolons, comment markers, keywords,
 * unicode) in schema, foreign table, local table and column names, and in string literals, through every path
 * that rewrites SQL for the local DuckDB engine: foreign scans, local tables, joins, foreign writes. Each
 * statement does exactly what it says, and a canary table shows nothing was smuggled in.
 */
class HostileNamesTest {
    private static final String SCHEMA = "\"Sch\"\"ema; drop table canary; --\"";
    private static final String FOREIGN = SCHEMA + ".\"order\"";
    private static final String LOCAL = "\"lo\"\"cal; delete from canary; --\"";
    private static final String EVIL_COL = "\"co\"\"l; drop table canary --\"";
    private static final String UNICODE_COL = "\"ünï cødé ✓\"";
    private static final String LITERAL = "it's; drop table canary; -- \" ' \\ ✓";
    private static FullStack stack;

    @BeforeAll
    static void start() throws SQLException {
        stack = new FullStack(10, "hostile-pw");
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            st.execute("create table canary (x int)");
            st.execute("insert into canary values (1)");
            st.execute("create schema " + SCHEMA);
            st.execute("create foreign table " + FOREIGN + " (id text, email text, " + EVIL_COL + " text, " + UNICODE_COL
                    + " text, \"select\" text) server stripe_server options (object 'customers', rowid_column 'id')");
            st.execute("create table " + LOCAL + " (" + EVIL_COL + " text, " + UNICODE_COL + " int, \"from\" text)");
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void canaryIntact(Statement st) throws SQLException {
        assertEquals(List.of("1"), rows(st, "select x from canary"));
    }

    @Test
    void foreignScanWithHostileNames() throws SQLException {
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            int customers = stack.emulator.store().count("customer");
            assertEquals(List.of(customers + "|0|0"), rows(st, "select count(*), count(" + EVIL_COL + "), count(" + UNICODE_COL
                    + ") from " + FOREIGN + " where " + EVIL_COL + " is null and \"select\" is null"));
            String id = stack.emulator.store().list("customer").get(0).path("id").asText();
            assertEquals(List.of(id), rows(st, "select o.id from " + FOREIGN + " as o where o.id = " + quoteLiteral(id)));
            // a hostile literal in a pushed-down qual is a value, not SQL (and not a match)
            assertEquals(List.of(), rows(st, "select id from " + FOREIGN + " where email = " + quoteLiteral(LITERAL)));
            assertEquals(List.of(), rows(st, "select id from " + FOREIGN + " where id = " + quoteLiteral(LITERAL)));
            assertTrue(rows(st, "explain select * from " + FOREIGN + " where email = " + quoteLiteral(LITERAL)).size() > 1);
            canaryIntact(st);
        }
    }

    @Test
    void localTableRoundTripsHostileValues() throws SQLException {
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            st.execute("insert into " + LOCAL + " values (" + quoteLiteral(LITERAL) + ", 7, " + quoteLiteral("x\"; --") + ")");
            try (PreparedStatement ps = c.prepareStatement("insert into " + LOCAL + " (" + EVIL_COL + ", " + UNICODE_COL + ") values (?, ?)")) {
                ps.setString(1, LITERAL + " bound");
                ps.setInt(2, 8);
                ps.executeUpdate();
            }
            assertEquals(List.of(LITERAL + "|7|x\"; --", LITERAL + " bound|8|null"),
                    rows(st, "select " + EVIL_COL + ", " + UNICODE_COL + ", \"from\" from " + LOCAL + " order by 2"));
            st.execute("update " + LOCAL + " set \"from\" = " + quoteLiteral(LITERAL) + " where " + UNICODE_COL + " = 8");
            assertEquals(List.of(LITERAL), rows(st, "select \"from\" from " + LOCAL + " where " + EVIL_COL + " = " + quoteLiteral(LITERAL + " bound")));
            // a join between the foreign and the local table, both with hostile names
            assertEquals(List.of("0"), rows(st, "select count(*) from " + FOREIGN + " f join " + LOCAL + " l on f.email = l." + EVIL_COL));
            canaryIntact(st);
        }
    }

    @Test
    void foreignWritesWithHostileNames() throws SQLException {
        try (Connection c = stack.jdbc(); Statement st = c.createStatement()) {
            int before = stack.emulator.store().count("customer");
            assertEquals(List.of("|" + LITERAL), rows(st, "insert into " + FOREIGN + " (email, " + EVIL_COL + ") values ("
                    + quoteLiteral("hostile@example.com") + ", null) returning " + EVIL_COL + ", " + quoteLiteral(LITERAL)).stream()
                    .map(r -> r.replace("null", "")).toList());
            assertEquals(before + 1, stack.emulator.store().count("customer"));
            st.executeUpdate("update " + FOREIGN + " set email = " + quoteLiteral("it's@example.com") + " where email = 'hostile@example.com'");
            assertEquals(List.of("it's@example.com"), rows(st, "select email from " + FOREIGN + " where email = 'it''s@example.com'"));
            assertEquals(1, st.executeUpdate("delete from " + FOREIGN + " where email = 'it''s@example.com'"));
            assertEquals(before, stack.emulator.store().count("customer"));
            canaryIntact(st);
        }
    }
}
