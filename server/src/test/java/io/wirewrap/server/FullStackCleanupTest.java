package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture removes its temporary data directory (catalog, vault, DuckDB files) when it closes. */
class FullStackCleanupTest {
    @Test
    void closingRemovesTheDataDirectory() throws Exception {
        Path dataDir;
        try (FullStack stack = new FullStack(2, "cleanup-pw")) {
            dataDir = stack.dataDir;
            try (Connection c = stack.jdbc(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from stripe.customers")) {
                assertTrue(rs.next());
            }
            try (var files = Files.list(dataDir)) {
                assertTrue(files.findAny().isPresent(), "the running server keeps its files in " + dataDir);
            }
        }
        assertFalse(Files.exists(dataDir), dataDir + " left behind");
    }
}
