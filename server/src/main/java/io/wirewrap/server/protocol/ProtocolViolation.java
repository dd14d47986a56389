package io.wirewrap.server.protocol;

/** A malformed or unexpected message: answered with a FATAL {@code 08P01} error, then the connection closes. */
public final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }
}
