package io.wirewrap.server.protocol;

import java.util.Map;

/** A decoded frontend (client to server) message of protocol 3.0. Values are copied out of Netty buffers. */
public sealed interface FrontendMessage {
    /** SSLRequest: the client asks for TLS before the startup packet. */
    record SslRequest() implements FrontendMessage {}

    /** GSSENCRequest: GSSAPI encryption, which wirewrap declines. */
    record GssEncRequest() implements FrontendMessage {}

    /** CancelRequest, sent on a fresh connection: cancel the running statement of another backend. */
    record CancelRequest(int backendPid, int secretKey) implements FrontendMessage {}

    /** StartupMessage: protocol version (major &lt;&lt; 16 | minor) and parameters in the order sent. */
    record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
        public int major() {
            return protocolVersion >>> 16;
        }

        public int minor() {
            return protocolVersion & 0xFFFF;
        }
    }

    /** 'p': PasswordMessage, SASLInitialResponse or SASLResponse; which one depends on the auth exchange. */
    record PasswordData(byte[] body) implements FrontendMessage {}

    /** 'Q' simple query. */
    record Query(String sql) implements FrontendMessage {}

    /** 'P' Parse. */
    record Parse(String statement, String sql, int[] parameterTypes) implements FrontendMessage {}

    /** 'B' Bind: a null element of {@code values} is SQL NULL. */
    record Bind(String portal, String statement, short[] parameterFormats, byte[][] values, short[] resultFormats)
            implements FrontendMessage {}

    /** 'D' Describe: kind 'S' statement or 'P' portal. */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** 'E' Execute; maxRows 0 means all. */
    record Execute(String portal, int maxRows) implements FrontendMessage {}

    /** 'C' Close: kind 'S' statement or 'P' portal. */
    record Close(char kind, String name) implements FrontendMessage {}

    record Sync() implements FrontendMessage {}

    record Flush() implements FrontendMessage {}

    record Terminate() implements FrontendMessage {}

    record CopyData(byte[] data) implements FrontendMessage {}

    record CopyDone() implements FrontendMessage {}

    record CopyFail(String message) implements FrontendMessage {}

    /** 'F' FunctionCall (fast-path): answered with an error. */
    record FunctionCall() implements FrontendMessage {}

    /** Not from the client: the decoder found a malformed message; the worker answers 08P01 and closes. */
    record Malformed(String message) implements FrontendMessage {}

    /** Not from the client: the channel closed, so the connection's worker ends. */
    record Disconnected() implements FrontendMessage {}
}
