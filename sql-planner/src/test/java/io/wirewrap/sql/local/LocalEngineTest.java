package io.wirewrap.sql.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class LocalEngineTest {
    @Test
    void ordinaryTablesSurviveARestartAndTempTablesDoNot() throws Exception {
        Path dir = Files.createTempDirectory("ww-local");
        try {
            try (LocalEngine engine = LocalEngine.open(dir); LocalSession s = engine.connect()) {
                try (var st = s.connection().createStatement()) {
                    st.execute("CREATE TABLE kept (id VARCHAR)");
                    st.execute("INSERT INTO kept VALUES ('a'), ('b')");
                    st.execute("CREATE TEMP TABLE gone (id VARCHAR)");
                }
            }
            try (LocalEngine engine = LocalEngine.open(dir); LocalSession s = engine.connect();
                 var st = s.connection().createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM kept")) {
                    rs.next();
                    assertEquals(2, rs.getLong(1));
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'gone'")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1));
                }
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void sessionsAnswerLikePostgresForDivisionAndNullOrder() throws Exception {
        try (LocalEngine engine = LocalEngine.open(null); LocalSession s = engine.connect(); var st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT 7 / 2, (SELECT list(x ORDER BY x DESC) FROM (VALUES (1), (NULL), (2)) v(x))::VARCHAR")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
            assertEquals("[NULL, 2, 1]", rs.getString(2));
        }
    }
}
