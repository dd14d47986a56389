package io.wirewrap.emulator;

import java.time.Duration;

/**
 * Runs the emulator standalone until killed.
 * <pre>
 * java -cp ... io.wirewrap.emulator.EmulatorMain --port 12111 --customers 1000 --latency-ms 0 --rate-limit 0
 * </pre>
 * Prints the base URL and an API key, one per line, as {@code base_url=...} and {@code api_key=...}.
 */
public final class EmulatorMain {
    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmulatorConfig cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (cfg == null) {
            System.out.println(usage());
            return;
        }
        long t0 = System.nanoTime();
        StripeEmulator emu = StripeEmulator.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
        System.out.printf("stripe emulator listening: seeded %d customers in %d ms%n", cfg.seed().customers(),
                (System.nanoTime() - t0) / 1_000_000);
        System.out.println("base_url=" + emu.baseUrl());
        System.out.println("api_key=" + emu.apiKey());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * The config for these arguments, or null when help was asked for; throws IllegalArgumentException with a
     * message for bad options. Public so a launcher's {@code emulator} subcommand can reuse the options.
     */
    public static EmulatorConfig parse(String[] args) {
        EmulatorConfig cfg = EmulatorConfig.defaults().withPort(12111);
        SeedSpec seed = cfg.seed();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--help".equals(a) || "-h".equals(a)) return null;
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
            String v = args[++i];
            try {
                switch (a) {
                    case "--port" -> cfg = cfg.withPort(Integer.parseInt(v));
                    case "--listen", "--host" -> cfg = cfg.withHost(v);
                    case "--customers" -> seed = SeedSpec.customers(Integer.parseInt(v)).withSeed(seed.seed());
                    case "--customers-only" -> seed = SeedSpec.customersOnly(Integer.parseInt(v)).withSeed(seed.seed());
                    case "--seed" -> seed = seed.withSeed(Long.parseLong(v));
                    case "--latency-ms" -> cfg = cfg.withLatency(Duration.ofMillis(Long.parseLong(v)));
                    case "--rate-limit" -> cfg = cfg.withRateLimit(Double.parseDouble(v));
                    case "--api-key" -> cfg = cfg.withApiKeys(v);
                    case "--request-log" -> cfg = cfg.withRequestLogSize(Integer.parseInt(v));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + a + ": " + v);
            }
        }
        return cfg.withSeed(seed);
    }

    public static String usage() {
        return """
                usage: EmulatorMain [--port 12111] [--listen 127.0.0.1] [--customers 1000 | --customers-only N]
                                    [--seed 42] [--latency-ms 0] [--rate-limit 0] [--api-key sk_test_...]
                                    [--request-log 10000]""";
    }
}
