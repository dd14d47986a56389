package io.wirewrap.server;

import io.wirewrap.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image's file system, rebuilt under a temporary root from {@link DockerfileStage}: every {@code COPY} of the
 * final stage (the fat jar from {@code package} where the build stage leaves it), the volumes, and
 * {@code /run/secrets} where compose mounts secrets. Absolute image paths in commands and environment are
 * rewritten into the root. Processes start with the entrypoint's exact arguments and the image's environment,
 * as the Dockerfile's non-root uid when the JVM is root (via {@code setpriv}), with HOME at the data volume
 * as Docker sets it from the user's home directory.
 */
final class RuntimeLayout implements AutoCloseable {
    static final String SECRETS = "/run/secrets";
    final DockerfileStage stage;
    final Path root;
    private final List<String> imageDirs = new ArrayList<>();
    private final boolean runAsImageUser;

    RuntimeLayout(Path repoRoot) {
        stage = DockerfileStage.parse(repoRoot.resolve("docker/Dockerfile"));
        runAsImageUser = "root".equals(System.getProperty("user.name")) && stage.uid() > 0;
        try {
            root = Files.createTempDirectory("ww-image-");
            for (DockerfileStage.Copy copy : stage.copies()) {
                Path source = copy.fromBuild()
                        ? repoRoot.resolve(relativeTo(copy.source(), stage.buildWorkdir()))
                        : repoRoot.resolve(copy.source());
                if (!Files.exists(source)) throw new IllegalStateException("COPY source missing: " + source);
                Path dest = path(copy.dest());
                Files.createDirectories(dest.getParent());
                Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                imageDirs.add(Path.of(copy.dest()).getParent().toString());
            }
            for (String volume : stage.volumes()) {
                Files.createDirectories(path(volume));
                imageDirs.add(volume);
            }
            Files.createDirectories(path(SECRETS));
            imageDirs.add(SECRETS);
            imageDirs.sort(Comparator.comparingInt(String::length).reversed());
            if (runAsImageUser) {
                // like the image: everything readable, only the volumes writable by the unprivileged user
                try (var walk = Files.walk(root)) {
                    for (Path p : walk.filter(Files::isDirectory).toList()) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                for (String volume : stage.volumes()) {
                    ThrowawayPostgres.run(List.of("chown", "-R", stage.uid() + ":" + stage.uid(), path(volume).toString()), 30);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the image path {@code absolute} lives under the root. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** {@code text} with every image directory (jar dir, volumes, secrets) rewritten into the root, in one pass. */
    String remap(String text) {
        String alternatives = String.join("|", imageDirs.stream().distinct().map(Pattern::quote).toList());
        return Pattern.compile(alternatives).matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(path(m.group()).toString()));
    }

    /** Puts a compose secret where compose mounts it, readable by the image user. */
    void addSecret(String name, Path file) {
        try {
            Path dest = path(SECRETS + "/" + name);
            Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image environment (ENV) overlaid with {@code overrides}, paths remapped, java on PATH. */
    Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        stage.env().forEach((k, v) -> env.put(k, remap(v)));
        overrides.forEach((k, v) -> env.put(k, remap(v)));
        env.put("PATH", javaBin() + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", stage.volumes().isEmpty() ? root.toString() : path(stage.volumes().get(0)).toString());
        return env;
    }

    /** Starts {@code command} (image paths, first word resolved on the image PATH) with exactly {@code env}. */
    Process start(List<String> command, Map<String, String> env, Path log) {
        List<String> cmd = new ArrayList<>();
        if (runAsImageUser) {
            cmd.addAll(List.of("setpriv", "--reuid=" + stage.uid(), "--regid=" + stage.uid(), "--clear-groups", "--"));
        }
        for (int i = 0; i < command.size(); i++) {
            String arg = remap(command.get(i));
            cmd.add(i == 0 && arg.equals("java") ? javaBin() + "/java" : arg);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entrypoint followed by {@code args}, as {@code docker run image args} runs it. */
    List<String> entrypointWith(List<String> args) {
        List<String> cmd = new ArrayList<>(stage.entrypoint());
        cmd.addAll(args);
        return cmd;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin").toString();
    }

    private static Path relativeTo(String path, String workdir) {
        Path p = Path.of(path);
        return p.isAbsolute() ? Path.of(workdir).relativize(p) : p;
    }

    @Override
    public void close() {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it lives under the temp dir
        }
    }
}
