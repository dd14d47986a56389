package io.wirewrap.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how many list pages of 100 customers per second the emulator serves: N client threads, each walking
 * {@code /v1/customers?limit=100} with {@code starting_after} and starting over at the end, over JDK HttpClient
 * (HTTP/1.1, keep-alive). Prints pages/s and MB/s. Not a test: it asserts nothing about time.
 * <pre>
 * java -cp ... io.wirewrap.emulator.EmulatorThroughput [--threads 8] [--seconds 10] [--customers 20000]
 * </pre>
 */
public final class EmulatorThroughput {
    private EmulatorThroughput() {}

    public static void main(String[] args) throws Exception {
        int threads = 8, seconds = 10, customers = 20_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customersOnly(customers))
                .withRequestLogSize(1_000))) {
            run(emu, threads, Duration.ofSeconds(2), false);
            Result r = run(emu, threads, Duration.ofSeconds(seconds), true);
            System.out.printf("emulator throughput: %,.0f pages/s of 100 customers (%,.1f MB/s, %d threads, %d s, %d pages, %d errors)%n",
                    r.pages / r.seconds, r.bytes / r.seconds / 1e6, threads, seconds, r.pages, r.errors);
        }
    }

    record Result(long pages, long bytes, long errors, double seconds) {}

    static Result run(StripeEmulator emu, int threads, Duration duration, boolean timed) throws InterruptedException {
        AtomicLong pages = new AtomicLong(), bytes = new AtomicLong(), errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String after = null;
                while (System.nanoTime() < deadline) {
                    String url = emu.baseUrl() + "customers?limit=100" + (after == null ? "" : "&starting_after=" + after);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + emu.apiKey()).build();
                    try {
                        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        pages.incrementAndGet();
                        bytes.addAndGet(resp.body().length);
                        after = lastId(resp.body());
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread w : workers) w.join();
        return new Result(pages.get(), bytes.get(), errors.get(), (System.nanoTime() - t0) / 1e9);
    }

    private static final byte[] ID = "\"id\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MORE = "\"has_more\":true".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The last object's id when has_more is true, else null (start over). A byte scan from the end rather than
     * a JSON parse, so the measuring client costs little next to the server it measures (customers have no
     * nested "id" fields, so the last "id" before has_more is the last customer's).
     */
    static String lastId(byte[] body) {
        int more = lastIndexOf(body, MORE, body.length);
        if (more < 0) return null;
        int id = lastIndexOf(body, ID, more);
        if (id < 0) return null;
        int start = id + ID.length, end = start;
        while (body[end] != '"') end++;
        return new String(body, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int lastIndexOf(byte[] hay, byte[] needle, int before) {
        outer:
        for (int i = before - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
