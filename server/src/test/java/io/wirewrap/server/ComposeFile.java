package io.wirewrap.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker/compose.yaml} read as data: services, their environment, commands, secrets and health checks. */
final class ComposeFile {
    final Path file;
    final JsonNode root;

    private ComposeFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static ComposeFile read(Path file) {
        try {
            return new ComposeFile(file, new YAMLMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode s = root.path("services").path(name);
        if (s.isMissingNode()) throw new AssertionError("no service " + name + " in " + file);
        return s;
    }

    /** A service's environment, in either of compose's forms (map, or list of {@code K=V}). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service(service).path("environment");
        if (node.isArray()) {
            for (JsonNode kv : node) {
                String[] parts = kv.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    List<String> command(String service) {
        return strings(service(service).path("command"));
    }

    /** Names of the secrets a service mounts under /run/secrets. */
    List<String> secrets(String service) {
        List<String> names = new ArrayList<>();
        for (JsonNode s : service(service).path("secrets")) names.add(s.isTextual() ? s.asText() : s.path("source").asText());
        return names;
    }

    /** The file behind a top-level secret, resolved against the compose file's directory. */
    Path secretFile(String name) {
        JsonNode secret = root.path("secrets").path(name);
        if (secret.path("file").isMissingNode()) throw new AssertionError("secret " + name + " has no file in " + file);
        return file.getParent().resolve(secret.path("file").asText()).normalize();
    }

    List<String> topLevelSecrets() {
        List<String> names = new ArrayList<>();
        root.path("secrets").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The service's healthcheck test, e.g. {@code [CMD-SHELL, pg_isready ...]}; empty when it has none. */
    List<String> healthcheck(String service) {
        return strings(service(service).path("healthcheck").path("test"));
    }

    /** Paths resolved against the compose file's directory. */
    Path resolve(String relative) {
        return file.getParent().resolve(relative).normalize();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else if (node.isTextual()) out.add(node.asText());
        return out;
    }
}
