package io.wirewrap.emulator.api;

import java.util.SplittableRandom;

/** Stripe-looking ids: a prefix and 14-24 base62 characters. Deterministic when given a seeded random. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SplittableRandom RUNTIME = new SplittableRandom();

    private Ids() {}

    /** For objects created over HTTP. */
    public static String next(String prefix) {
        SplittableRandom r;
        synchronized (RUNTIME) {
            r = RUNTIME.split();
        }
        return next(prefix, r, 14);
    }

    public static String next(String prefix, SplittableRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return prefix + new String(out);
    }

    public static String requestId() { return next("req_"); }
}
