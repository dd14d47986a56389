package io.wirewrap.sql.session;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Server-wide state shared by all sessions: the data directory and services registered by the packages that
 * own them (catalog, vault, foreign sources, local engine), keyed by class like {@link SessionContext}'s
 * attachments. Thread-safe.
 */
public final class EngineServices implements AutoCloseable {
    private final Path dataDir;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    public EngineServices(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> void register(Class<T> type, T service) {
        services.put(type, type.cast(service));
    }

    public <T> T get(Class<T> type, Supplier<T> create) {
        return type.cast(services.computeIfAbsent(type, k -> create.get()));
    }

    public <T> java.util.Optional<T> find(Class<T> type) {
        return java.util.Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public void close() {
        for (Object o : services.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
        }
    }
}
