package io.wirewrap.server.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets given at start through the environment, each either as {@code NAME} or as {@code NAME_FILE} naming a
 * file (Docker/compose secrets), so keys need not sit in the process environment or an image.
 */
public final class StartupSecrets {
    private StartupSecrets() {}

    /** {@code NAME}, else the trimmed content of the file named by {@code NAME_FILE}. */
    public static Optional<String> value(String name) {
        return value(System.getenv(), name);
    }

    /** As {@link #value(String)}, from {@code env} rather than the process environment. */
    public static Optional<String> value(Map<String, String> env, String name) {
        String direct = env.get(name);
        if (direct != null && !direct.isBlank()) return Optional.of(direct);
        String file = env.get(name + "_FILE");
        if (file == null || file.isBlank()) return Optional.empty();
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + "_FILE " + file, e);
        }
    }

    /** The process environment with {@code *_FILE} secrets the catalog reads (master key) resolved in place. */
    public static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        value(env, "WIREWRAP_MASTER_KEY").ifPresent(v -> env.put("WIREWRAP_MASTER_KEY", v));
        return env;
    }
}
