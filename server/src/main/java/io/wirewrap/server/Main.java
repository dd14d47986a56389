package io.wirewrap.server;

/** Entry point of the wirewrap fat jar; the protocol server fills this in. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("wirewrap: server not built yet");
        System.exit(1);
    }
}
