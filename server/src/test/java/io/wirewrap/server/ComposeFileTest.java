package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.testkit.RepoPaths;
import io.wirewrap.testkit.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} as a user runs it: the three services, secrets that exist and reach the variables
 * wirewrap reads, health checks behind every {@code service_healthy} dependency, and, where Debian's
 * {@code docker-compose} is installed, compose's own validation.
 */
class ComposeFileTest {
    /** Variables wirewrap reads at start besides its options (ServerWiring and the catalog's vault). */
    private static final Set<String> START_UP_VARIABLES = Set.of("WIREWRAP_STRIPE_URL", "WIREWRAP_STRIPE_KEY", "WIREWRAP_MASTER_KEY");

    private final Path root = RepoPaths.root();
    private final ComposeFile compose = ComposeFile.read(root.resolve("docker/compose.yaml"));
    private final DockerfileStage image = DockerfileStage.parse(root.resolve("docker/Dockerfile"));

    @Test
    void servicesArePostgres16WirewrapAndTheEmulatorBuiltFromTheDockerfile() {
        assertEquals(Set.of("postgres", "wirewrap", "emulator"), new HashSet<>(compose.serviceNames()));
        assertEquals("postgres:16", compose.service("postgres").path("image").asText());
        for (String built : List.of("wirewrap", "emulator")) {
            JsonNode build = compose.service(built).path("build");
            Path context = compose.resolve(build.path("context").asText());
            assertTrue(Files.isRegularFile(context.resolve(build.path("dockerfile").asText())), built + " builds from " + build);
            assertEquals(root, context, "the build context is the repository (the build stage runs Maven on it)");
        }
        assertEquals(List.of("emulator"), compose.command("emulator").subList(0, 1), "the emulator runs the jar's emulator subcommand");
    }

    @Test
    void everySecretExistsAndEveryFileVariableNamesAMountedSecret() throws Exception {
        for (String name : compose.topLevelSecrets()) {
            Path file = compose.secretFile(name);
            assertTrue(Files.isRegularFile(file) && !Files.readString(file).isBlank(), "secret file " + file);
        }
        for (String service : compose.serviceNames()) {
            List<String> mounted = compose.secrets(service);
            assertTrue(compose.topLevelSecrets().containsAll(mounted), service + " mounts undeclared secrets " + mounted);
            compose.environment(service).forEach((k, v) -> {
                if (!k.endsWith("_FILE")) return;
                assertTrue(v.startsWith(RuntimeLayout.SECRETS + "/") && mounted.contains(v.substring(RuntimeLayout.SECRETS.length() + 1)),
                        service + ": " + k + "=" + v + " is not one of its secrets " + mounted);
            });
        }
        assertTrue(compose.secrets("postgres").contains("wirewrap_password"), "the init script reads wirewrap's password");
    }

    @Test
    void wirewrapReadsEveryVariableComposeSetsForIt() {
        Set<String> optionVariables = new HashSet<>();
        for (var option : Main.commandLine().getCommandSpec().options()) {
            String longName = option.longestName();
            if (longName.startsWith("--")) {
                optionVariables.add("WIREWRAP_" + longName.substring(2).replace('-', '_').toUpperCase(Locale.ROOT));
            }
        }
        for (String variable : compose.environment("wirewrap").keySet()) {
            String base = variable.endsWith("_FILE") ? variable.substring(0, variable.length() - 5) : variable;
            assertTrue(optionVariables.contains(base) || START_UP_VARIABLES.contains(base), "wirewrap ignores " + variable);
        }
        // no secret in plain text in the compose file
        compose.environment("wirewrap").keySet().forEach(k ->
                assertFalse(k.equals("WIREWRAP_PASSWORD") || k.equals("WIREWRAP_STRIPE_KEY") || k.equals("WIREWRAP_MASTER_KEY"), k));
    }

    @Test
    void everyHealthyDependencyHasAHealthCheck() {
        assertFalse(image.healthcheck().isEmpty(), "the image has a HEALTHCHECK");
        String script = image.healthcheck().get(0);
        assertTrue(image.copies().stream().anyMatch(c -> c.dest().equals(script) && Files.isExecutable(root.resolve(c.source()))),
                "the HEALTHCHECK script is copied into the image, executable: " + script);
        for (String service : compose.serviceNames()) {
            compose.service(service).path("depends_on").fields().forEachRemaining(dep -> {
                if (!"service_healthy".equals(dep.getValue().path("condition").asText())) return;
                boolean builtFromOurImage = !compose.service(dep.getKey()).path("build").isMissingNode();
                assertTrue(!compose.healthcheck(dep.getKey()).isEmpty() || builtFromOurImage,
                        service + " waits for " + dep.getKey() + " to be healthy, which has no health check");
            });
        }
        assertTrue(compose.healthcheck("postgres").toString().contains("pg_isready"), compose.healthcheck("postgres").toString());
        assertTrue(compose.healthcheck("emulator").toString().contains("/healthz"), compose.healthcheck("emulator").toString());
    }

    @Test
    void theInitScriptIsMountedExecutableAndPointsAtTheWirewrapService() {
        JsonNode volumes = compose.service("postgres").path("volumes");
        assertEquals(1, volumes.size(), volumes.toString());
        String[] mount = volumes.get(0).asText().split(":");
        assertEquals("/docker-entrypoint-initdb.d", mount[1]);
        Path init = compose.resolve(mount[0]).resolve("10-wirewrap.sh");
        assertTrue(Files.isExecutable(init), init + " (executable scripts run, others are sourced by the postgres image)");
        assertTrue(compose.serviceNames().contains(compose.environment("postgres").get("WIREWRAP_HOST")));
    }

    @Test
    void dockerComposeValidatesTheFile() {
        Path dockerCompose = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, "docker-compose")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(dockerCompose != null, "docker-compose not on PATH (apt-get install docker-compose)");
        String resolved = ThrowawayPostgres.run(List.of(dockerCompose.toString(), "-f",
                compose.file.toString(), "config"), 60);
        for (String service : List.of("postgres:", "wirewrap:", "emulator:", "image: postgres:16")) {
            assertTrue(resolved.contains(service), resolved);
        }
    }

    @Test
    void theImageRunsAsItsOwnUserWithTheDataDirAsAVolume() {
        assertTrue(image.uid() > 0 && image.user() != null && !image.user().equals("root"), "non-root USER: " + image.user());
        assertEquals(List.of(image.env().get("WIREWRAP_DATA_DIR")), image.volumes());
        assertEquals("0.0.0.0", image.env().get("WIREWRAP_LISTEN"), "reachable from the other containers");
        Map<String, String> env = image.env();
        assertTrue(image.entrypoint().contains("-jar") && image.entrypoint().get(0).equals("java"), image.entrypoint().toString());
        assertTrue(env.containsKey("WIREWRAP_PORT"));
    }
}
