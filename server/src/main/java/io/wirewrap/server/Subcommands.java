package io.wirewrap.server;

import java.util.List;

/**
 * The place to register {@code wirewrap <subcommand>} commands: picocli {@code @Command} objects, e.g. the
 * integrator adds {@code new EmulatorCommand()} here for {@code wirewrap emulator ...}.
 */
public final class Subcommands {
    private Subcommands() {}

    public static List<Object> all() {
        return List.of(new EmulatorCommand(), VaultCommand.commandLine(io.wirewrap.server.boot.StartupSecrets.environment()));
    }
}
