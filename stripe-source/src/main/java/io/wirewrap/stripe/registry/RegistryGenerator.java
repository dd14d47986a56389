package io.wirewrap.stripe.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time tool: reduces {@code spec3.json} into {@code stripe-objects.json}, the resource {@link ObjectRegistry}
 * loads. The spec is not shipped (2.6 MB, and ../shared is absent from images); {@code RegistryGeneratorTest}
 * regenerates and compares so the resource cannot drift from the spec.
 *
 * <p>Usage: {@code java ... RegistryGenerator ../shared/stripe/spec3.json stripe-source/src/main/resources/io/wirewrap/stripe/stripe-objects.json}
 */
public final class RegistryGenerator {
    private RegistryGenerator() {}

    public static String generate(Path spec) throws IOException {
        SpecReducer reducer = new SpecReducer(new ObjectMapper().readTree(spec.toFile()));
        return RegistryCodec.write(reducer.apiVersion(), reducer.objects(), reducer.actions(), reducer.expansions());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RegistryGenerator <spec3.json> <out stripe-objects.json>");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), generate(Path.of(args[0])), StandardCharsets.UTF_8);
    }
}
