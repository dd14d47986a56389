package io.wirewrap.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wirewrap.server.auth.AuthFailure;
import io.wirewrap.server.auth.AuthMethod;
import io.wirewrap.server.auth.ScramExchange;
import io.wirewrap.server.protocol.Backend;
import io.wirewrap.server.protocol.FrontendMessage.PasswordData;
import io.wirewrap.server.protocol.ProtocolViolation;
import io.wirewrap.sql.api.RoleStore;
import io.wirewrap.sql.session.BootstrapRoleStore;
import io.wirewrap.sql.session.Md5Passwords;
import io.wirewrap.sql.session.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one authentication exchange for the configured method: asks the client (AuthenticationXxx), reads
 * its answers, and returns when the user is who they say, else throws {@link AuthFailure}. Does not send
 * AuthenticationOk (the caller does, after it).
 */
final class Authenticator {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SCRAM = "SCRAM-SHA-256";

    private final RoleStore roles;
    private final AuthMethod method;
    private final Outbound out;
    private final Supplier<PasswordData> answer;

    Authenticator(RoleStore roles, AuthMethod method, Outbound out, Supplier<PasswordData> answer) {
        this.roles = roles;
        this.method = method;
        this.out = out;
        this.answer = answer;
    }

    void authenticate(String user) {
        Optional<RoleStore.LoginRole> role = roles.find(user);
        switch (method) {
            case TRUST -> {
                if (role.isEmpty()) throw new AuthFailure("28000", "role \"" + user + "\" does not exist");
            }
            case PASSWORD -> cleartext(role);
            case MD5 -> {
                Optional<String> hash = roles instanceof Md5Passwords m ? m.md5Hash(user) : Optional.empty();
                if (hash.isPresent() || role.isEmpty()) md5(user, hash);
                else scram(role); // a role with only a SCRAM verifier: PostgreSQL also switches to SCRAM
            }
            case SCRAM -> scram(role);
        }
    }

    private void cleartext(Optional<RoleStore.LoginRole> role) {
        Backend.authCleartext(out.buf());
        String password = cstring(answer.get().body());
        if (role.isEmpty() || !verifier(role).matches(password)) throw new AuthFailure("28P01", null);
    }

    private void md5(String user, Optional<String> storedHash) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        Backend.authMd5(out.buf(), salt);
        String sent = cstring(answer.get().body());
        if (storedHash.isEmpty()) throw new AuthFailure("28P01", null);
        // client sends "md5" + md5(hex(md5(password || user)) || salt)
        byte[] inner = storedHash.get().substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] salted = new byte[inner.length + 4];
        System.arraycopy(inner, 0, salted, 0, inner.length);
        System.arraycopy(salt, 0, salted, inner.length, 4);
        String expected = "md5" + BootstrapRoleStore.md5Hex(salted);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthFailure("28P01", null);
        }
    }

    private void scram(Optional<RoleStore.LoginRole> role) {
        Backend.authSasl(out.buf(), SCRAM);
        ByteBuf initial = Unpooled.wrappedBuffer(answer.get().body());
        String mechanism = cstring(initial);
        if (!SCRAM.equals(mechanism)) throw new AuthFailure("28000", "client selected an invalid SASL authentication mechanism");
        if (initial.readableBytes() < 4) throw new ProtocolViolation("malformed SASLInitialResponse");
        int len = initial.readInt();
        if (len < 0 || len != initial.readableBytes()) throw new ProtocolViolation("malformed SASLInitialResponse");
        String clientFirst = initial.toString(StandardCharsets.UTF_8);
        ScramExchange exchange = new ScramExchange(role.map(r -> verifier(Optional.of(r))).orElse(null));
        String serverFirst = exchange.clientFirst(clientFirst);
        Backend.authSaslData(out.buf(), 11, serverFirst.getBytes(StandardCharsets.UTF_8));
        String clientFinal = new String(answer.get().body(), StandardCharsets.UTF_8);
        String serverFinal = exchange.clientFinal(clientFinal);
        Backend.authSaslData(out.buf(), 12, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static ScramVerifier verifier(Optional<RoleStore.LoginRole> role) {
        try {
            return ScramVerifier.parse(role.orElseThrow().scramVerifier());
        } catch (IllegalArgumentException e) {
            throw new AuthFailure("28P01", null); // a role without a usable password cannot log in with one
        }
    }

    private static String cstring(byte[] body) {
        return cstring(Unpooled.wrappedBuffer(body));
    }

    private static String cstring(ByteBuf b) {
        int nul = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
        if (nul < 0) throw new ProtocolViolation("invalid string in message");
        String s = b.toString(b.readerIndex(), nul - b.readerIndex(), StandardCharsets.UTF_8);
        b.readerIndex(nul + 1);
        return s;
    }
}
