package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets reach {@code main} the way compose hands them over: {@code WIREWRAP_PASSWORD_FILE} and
 * {@code WIREWRAP_CATALOG_URL_FILE} name files (with the trailing newline editors add), the plain variables and
 * the command line win over them, and an unreadable file stops the start with exit code 2.
 */
class MainSecretsTest {
    @TempDir
    Path dir;

    @Test
    void passwordComesFromTheFileNamedByPasswordFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-a-secret\n");
        Main main = parse(Map.of("WIREWRAP_PASSWORD_FILE", file.toString()));
        assertEquals("from-a-secret", main.config().password());
    }

    @Test
    void plainVariableWinsOverTheFileAndTheCommandLineWinsOverBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file");
        Map<String, String> env = Map.of("WIREWRAP_PASSWORD", "from-env", "WIREWRAP_PASSWORD_FILE", file.toString());
        assertEquals("from-env", parse(env).config().password());
        assertEquals("from-flag", parse(env, "--password", "from-flag").config().password());
    }

    @Test
    void withoutAnyPasswordTheDefaultStays() {
        assertEquals(Main.DEFAULT_PASSWORD, parse(Map.of()).config().password());
    }

    @Test
    void catalogUrlComesFromItsFileToo() throws Exception {
        String url = "jdbc:postgresql://db:5432/ww?user=ww&password=catalog-secret";
        Path file = Files.writeString(dir.resolve("url"), url + "\n");
        assertEquals(url, parse(Map.of("WIREWRAP_CATALOG_URL_FILE", file.toString())).catalogUrl());
        assertNull(parse(Map.of()).catalogUrl());
    }

    @Test
    void anUnreadableSecretFileStopsTheStartWithoutLeakingAnything() {
        Path missing = dir.resolve("no-such-secret");
        Main main = new Main(Map.of("WIREWRAP_PASSWORD_FILE", missing.toString(), "WIREWRAP_STRIPE_KEY", "sk_test_leak"));
        PrintStream saved = System.err;
        var err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.commandLine(main).execute("--port", "0", "--data-dir", dir.resolve("data").toString());
        } finally {
            System.setErr(saved);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, message);
        assertTrue(message.contains("WIREWRAP_PASSWORD_FILE") && message.contains(missing.toString()), message);
        assertFalse(message.contains("sk_test_leak"), message);
        assertFalse(Files.exists(dir.resolve("data")), "nothing started");
    }

    private static Main parse(Map<String, String> env, String... args) {
        Main main = new Main(env);
        Main.commandLine(main).parseArgs(args);
        return main;
    }
}
