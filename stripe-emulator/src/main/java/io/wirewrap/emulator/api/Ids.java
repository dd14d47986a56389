package io.wirewrap.emulator.api;

import java.util.SplittableRandom;

/** Stripe-looking ids: a prefix and 14-24 base62 characters. Deterministic when given a seeded random. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SplittableRandom RUNTIME = new SplittableRandom();

    private Ids() {}

    private static long lastStamp;

    /**
     * For objects created over HTTP: nine characters that grow with time (so objects created within the same
     * second still list newest first under the id tie-break) and five random ones.
     */
    public static String next(String prefix) {
        long stamp;
        SplittableRandom r;
        synchronized (RUNTIME) {
            stamp = Math.max(lastStamp + 1, System.currentTimeMillis() * 1000);
            lastStamp = stamp;
            r = RUNTIME.split();
        }
        char[] head = new char[9];
        for (int i = 8; i >= 0; i--) {
            head[i] = ALPHABET[(int) (stamp % ALPHABET.length)];
            stamp /= ALPHABET.length;
        }
        return next(prefix + new String(head), r, 5);
    }

    public static String next(String prefix, SplittableRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return prefix + new String(out);
    }

    public static String requestId() { return next("req_"); }
}
