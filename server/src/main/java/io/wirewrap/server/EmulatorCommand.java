package io.wirewrap.server;

import io.wirewrap.emulator.EmulatorMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code wirewrap emulator [--port 12111] [--customers N] ...}: the Stripe emulator on its own. */
@Command(name = "emulator", description = "Run the Stripe emulator alone (options: see 'wirewrap emulator --help').")
final class EmulatorCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EmulatorMain.main(args.toArray(String[]::new));
        return 0;
    }
}
