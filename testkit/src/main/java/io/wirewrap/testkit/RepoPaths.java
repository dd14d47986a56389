package io.wirewrap.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root and ../shared (Stripe spec and fixtures) from tests, benches and tools. */
public final class RepoPaths {
    private RepoPaths() {}

    /** The repository root: {@code -Dwirewrap.root} (set by Surefire) or the nearest parent holding mvnw. */
    public static Path root() {
        String prop = System.getProperty("wirewrap.root");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root (no mvnw above the working directory)");
        return p;
    }

    /** {@code ../shared/stripe} beside the repository, where spec3.json and fixtures3.json live. */
    public static Path stripeSpecDir() {
        return root().resolveSibling("shared").resolve("stripe");
    }
}
