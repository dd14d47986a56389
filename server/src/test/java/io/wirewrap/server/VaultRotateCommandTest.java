package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirewrap.sql.vault.KeyRotation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wirewrap vault rotate-master-key} on a real data directory: refused while the server holds it; afterwards
 * master.key is a new key, no stored ciphertext is the old one, and a restarted server still decrypts every secret
 * (servers keep using their keys). The key itself is never printed.
 */
class VaultRotateCommandTest {
    @TempDir
    Path dir;

    private WirewrapServer start() {
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dir).user("postgres").password("rot-pw").build();
        WirewrapServer.Builder builder = WirewrapServer.builder(config);
        ServerWiring.install(builder, config, null);
        return builder.start();
    }

    private static Connection jdbc(WirewrapServer s) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres", "postgres", "rot-pw");
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1) + "=" + rs.getString(2));
        }
        return out;
    }

    private record Run(int code, String out, String err) {}

    private Run rotate(Map<String, String> env) {
        CommandLine cl = VaultCommand.commandLine(env);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("rotate-master-key", "--data-dir", dir.toString());
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void rotatesTheKeyFileAndEverySecret() throws Exception {
        List<String> before;
        List<String> ciphertexts;
        try (WirewrapServer server = start(); Connection c = jdbc(server); Statement st = c.createStatement()) {
            st.execute("select vault.create_secret('sk_test_rotate_one', 'one')");
            st.execute("select vault.create_secret('sk_test_rotate_two', 'two', 'second')");
            st.execute("create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator");
            st.execute("create server rotated foreign data wrapper stripe_wrapper options (api_key 'sk_test_rotate_three')");
            before = rows(st, "select name, decrypted_secret from vault.decrypted_secrets order by name");
            assertEquals(3, before.size());
            ciphertexts = rows(st, "select name, secret from vault.secrets order by name");
            Run busy = rotate(Map.of());
            assertEquals(1, busy.code(), "refused while the server holds the data directory");
            assertTrue(busy.err().contains("in use"), busy.err());
        }
        String oldKey = Files.readString(dir.resolve("master.key")).strip();

        Run run = rotate(Map.of());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("re-encrypted 3 secrets"), run.out());
        String newKey = Files.readString(dir.resolve("master.key")).strip();
        assertNotEquals(oldKey, newKey);
        assertFalse(run.out().contains(newKey) || run.out().contains(oldKey), "keys are never printed");
        assertFalse(Files.exists(dir.resolve(KeyRotation.NEXT_FILE)));

        try (WirewrapServer server = start(); Connection c = jdbc(server); Statement st = c.createStatement()) {
            assertEquals(before, rows(st, "select name, decrypted_secret from vault.decrypted_secrets order by name"));
            List<String> now = rows(st, "select name, secret from vault.secrets order by name");
            for (String old : ciphertexts) assertFalse(now.contains(old), "re-encrypted: " + old);
        }
    }

    @Test
    void environmentKeyNeedsTheNewKeyGiven() {
        String current = KeyRotation.newKey();
        Run missing = rotate(Map.of("WIREWRAP_MASTER_KEY", current));
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("WIREWRAP_NEW_MASTER_KEY"), missing.err());
        Run bad = rotate(Map.of("WIREWRAP_MASTER_KEY", current, "WIREWRAP_NEW_MASTER_KEY", "c2hvcnQ="));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("32 bytes"), bad.err());
        assertFalse(bad.err().contains(current), "the key is not echoed");
        Run ok = rotate(Map.of("WIREWRAP_MASTER_KEY", current, "WIREWRAP_NEW_MASTER_KEY", KeyRotation.newKey()));
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("set WIREWRAP_MASTER_KEY"), ok.out());
        assertFalse(Files.exists(dir.resolve("master.key")), "environment mode writes no key file");
    }

    @Test
    void registeredAsASubcommandOfWirewrap() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("vault", "rotate-master-key", "--help"));
    }
}
