package io.wirewrap.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final stage of {@code docker/Dockerfile} as data, so tests rebuild and start exactly what the image runs
 * without a Docker daemon: files copied in, environment, user id, volumes, entrypoint and health check.
 * Understands the instructions our Dockerfile uses (exec-form JSON arrays, {@code ENV k=v}, line continuations).
 */
record DockerfileStage(
        String buildWorkdir,
        List<Copy> copies,
        Map<String, String> env,
        int uid,
        String user,
        List<String> volumes,
        List<String> entrypoint,
        List<String> healthcheck) {

    /** {@code COPY [--from=stage] source dest}; {@code fromBuild} sources are paths inside the build stage. */
    record Copy(boolean fromBuild, String source, String dest) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UID = Pattern.compile("--uid\\s+(\\d+)");

    static DockerfileStage parse(Path dockerfile) {
        List<String> instructions = instructions(dockerfile);
        String buildWorkdir = "/";
        int finalFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) finalFrom = i;
        }
        for (int i = 0; i < finalFrom; i++) {
            if (keyword(instructions.get(i)).equals("WORKDIR")) buildWorkdir = args(instructions.get(i));
        }
        List<Copy> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        int uid = -1;
        String user = null;
        List<String> volumes = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> healthcheck = List.of();
        for (String ins : instructions.subList(finalFrom + 1, instructions.size())) {
            String args = args(ins);
            switch (keyword(ins)) {
                case "COPY" -> {
                    String[] parts = args.split("\\s+");
                    boolean fromBuild = parts[0].startsWith("--from=");
                    copies.add(new Copy(fromBuild, parts[parts.length - 2], parts[parts.length - 1]));
                }
                case "ENV" -> {
                    for (String pair : args.split("\\s+")) {
                        int eq = pair.indexOf('=');
                        env.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                case "RUN" -> {
                    Matcher m = UID.matcher(args);
                    if (m.find()) uid = Integer.parseInt(m.group(1));
                }
                case "USER" -> user = args;
                case "VOLUME" -> volumes.addAll(jsonArray(args));
                case "ENTRYPOINT" -> entrypoint = jsonArray(args);
                case "HEALTHCHECK" -> healthcheck = jsonArray(args.substring(args.indexOf("CMD") + 3).strip());
                default -> { }
            }
        }
        return new DockerfileStage(buildWorkdir, copies, env, uid, user, volumes, entrypoint, healthcheck);
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(Path dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                String t = line.strip();
                if (t.startsWith("#") || t.isEmpty()) continue;
                boolean continues = t.endsWith("\\");
                current.append(continues ? t.substring(0, t.length() - 1) : t).append(' ');
                if (!continues) {
                    out.add(current.toString().strip());
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
    }

    private static String args(String instruction) {
        String[] parts = instruction.split("\\s+", 2);
        return parts.length > 1 ? parts[1].strip() : "";
    }

    private static List<String> jsonArray(String text) {
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("not an exec-form JSON array: " + text, e);
        }
    }
}
