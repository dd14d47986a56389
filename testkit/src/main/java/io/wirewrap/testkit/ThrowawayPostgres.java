package io.wirewrap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (15 by default, from {@code /usr/lib/postgresql/N/bin}) in a temporary directory on a
 * free loopback port, trust auth, for interop tests and benchmarks. initdb refuses to run as root, so when
 * the JVM is root the binaries run as the {@code postgres} OS user through {@code runuser}.
 *
 * <p>Tests call {@link #available(int)} first and skip (JUnit assumption) when the binaries are missing.
 */
public final class ThrowawayPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private ThrowawayPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The bin directory of PostgreSQL {@code major}, if installed here. */
    public static Optional<Path> binaries(int major) {
        Path bin = Path.of("/usr/lib/postgresql/" + major + "/bin");
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))
                ? Optional.of(bin) : Optional.empty();
    }

    public static boolean available(int major) {
        return binaries(major).isPresent();
    }

    /** initdb + start; extra lines are appended to postgresql.conf. */
    public static ThrowawayPostgres start(int major, String... confLines) {
        Path bin = binaries(major).orElseThrow(() -> new IllegalStateException("PostgreSQL " + major + " binaries not found"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("ww-pg" + major + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = dir.resolve("data");
            if (root) run(List.of("chown", "postgres:postgres", dir.toString()), 30);
            int port = freePort();
            var pg = new ThrowawayPostgres(bin, dir, port, root);
            pg.runAsOwner(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
            var conf = new StringBuilder()
                    .append("\nlisten_addresses = '127.0.0.1'\nport = ").append(port)
                    .append("\nunix_socket_directories = '").append(dir).append("'\n")
                    .append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n");
            for (String line : confLines) conf.append(line).append('\n');
            Path confFile = data.resolve("postgresql.conf");
            if (root) {
                // the data dir belongs to postgres; append through a shell running as that user
                pg.runAsOwner(List.of("sh", "-c", "cat >> '" + confFile + "' <<'EOF'\n" + conf + "EOF\n"), 30);
            } else {
                Files.writeString(confFile, conf, java.nio.file.StandardOpenOption.APPEND);
            }
            pg.runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), 90);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path binDir() {
        return bin;
    }

    /** Socket directory (for psql/pgbench over a unix socket if wanted). */
    public Path dir() {
        return dir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
    }

    /** Runs a command as the cluster's OS owner (postgres when we are root); returns stdout+stderr. */
    public String runAsOwner(List<String> command, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(command);
        return run(cmd, timeoutSeconds);
    }

    @Override
    public void close() {
        try {
            runAsOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 60);
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it lives under the temp dir
        }
    }

    public static int freePort() {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a process to completion, failing with its output when the exit code is not 0. */
    public static String run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            var out = new java.io.ByteArrayOutputStream();
            Thread pump = Thread.ofVirtual().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // process gone
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + "s: " + command);
            }
            pump.join(5000);
            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new IllegalStateException("exit " + p.exitValue() + " from " + command + ":\n" + text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
