package io.wirewrap.emulator.api;

/** Unix seconds for objects created through the API (seeded objects carry their own times). */
public final class Clock {
    private Clock() {}

    public static long now() { return System.currentTimeMillis() / 1000; }
}
