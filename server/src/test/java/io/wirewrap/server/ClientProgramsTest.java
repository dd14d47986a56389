package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirewrap.server.auth.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** libpq clients, unmodified: psql and Python's psycopg2. */
class ClientProgramsTest {
    static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(AuthMethod.SCRAM);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private String conninfo() {
        return "host=127.0.0.1 port=" + fx.port() + " user=postgres password=postgres dbname=postgres";
    }

    @Test
    void psqlConninfoMultiStatementAndCopy() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed");
        String info = run(List.of("/usr/bin/psql", conninfo(), "-X", "-c", "\\conninfo"), null);
        assertTrue(info.contains("as user \"postgres\"") && info.contains("port \"" + fx.port() + "\""), info);

        String multi = run(List.of("/usr/bin/psql", conninfo(), "-X", "-A", "-t", "-c",
                "select 1; select 'a;b' as x; show timezone"), null);
        assertEquals(List.of("1", "a;b", "UTC"), multi.lines().toList());

        String copy = run(List.of("/usr/bin/psql", conninfo(), "-X", "-c", "\\copy (select 1) to stdout"), null);
        assertEquals("1\n", copy);

        String csv = run(List.of("/usr/bin/psql", conninfo(), "-X", "-c",
                "copy (select * from test_rows(2)) to stdout with (format csv, header)"), null);
        List<String> lines = csv.lines().toList();
        assertEquals("i,label,big,f,ts,tstz,d,u,n,b,j,bytes", lines.get(0));
        assertEquals("1,row 1,10000000001,1.5,2024-01-02 03:04:06,2024-01-02 03:04:06+00,2024-01-02,"
                + "00000000-0000-0000-0000-000000000001,13.34,f,\"{\"\"i\"\": 1}\",\\x010102", lines.get(2));

        String err = run(List.of("/usr/bin/psql", conninfo(), "-X", "-c", "select * from nope"), "ERROR");
        assertTrue(err.contains("ERROR:"), err);
    }

    @Test
    void psycopg2() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 not installed");
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import psycopg2").start();
        assumeTrue(check.waitFor() == 0, "psycopg2 not installed");
        String script = String.join("\n",
                "import psycopg2, sys",
                "c = psycopg2.connect(sys.argv[1])",
                "cur = c.cursor()",
                "cur.execute('select * from test_rows(3)')",
                "rows = cur.fetchall()",
                "print(len(rows), rows[2][0], rows[2][1], rows[2][4].isoformat(), rows[2][9])",
                "cur.execute('select current_setting(%s)', ('application_name',))",
                "print(cur.fetchone()[0])",
                "c.rollback()",
                "c.autocommit = True",
                "cur.execute('show transaction isolation level')",
                "print(cur.fetchone()[0])",
                "c.close()");
        String out = run(List.of("/usr/bin/python3", "-c", script, conninfo() + " application_name=py"), null);
        assertEquals(List.of("3 2 row 2 2024-01-02T03:04:07 True", "py", "read committed"), out.lines().toList());
    }

    /** Runs a client; when {@code expectFailure} is null it must succeed, else its output must contain it. */
    private static String run(List<String> cmd, String expectFailure) throws Exception {
        List<String> full = new ArrayList<>(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        if (expectFailure == null) assertEquals(0, p.exitValue(), text);
        return text;
    }
}
