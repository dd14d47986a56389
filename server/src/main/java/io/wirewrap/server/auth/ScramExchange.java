package io.wirewrap.server.auth;

import io.wirewrap.sql.session.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) against a stored verifier. No channel
 * binding is offered, so the gs2 header must be {@code n,,} (client does not support it) or {@code y,,}
 * (client supports it but thinks the server does not). An unknown user gets a mock verifier so the exchange
 * fails only at the proof, like PostgreSQL, without telling who exists.
 */
public final class ScramExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramVerifier verifier;
    private final boolean realUser;
    private String clientFirstBare;
    private String serverFirst;
    private String gs2Header;
    private String nonce;

    public ScramExchange(ScramVerifier verifierOrNull) {
        this.realUser = verifierOrNull != null;
        if (verifierOrNull != null) {
            this.verifier = verifierOrNull;
        } else {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] junk = new byte[32];
            RANDOM.nextBytes(junk);
            this.verifier = new ScramVerifier(ScramVerifier.DEFAULT_ITERATIONS, salt, junk, junk.clone());
        }
    }

    /** Handles client-first-message; returns server-first-message. Throws AuthFailure on a malformed message. */
    public String clientFirst(String message) {
        if (message.startsWith("p=")) throw new AuthFailure("08P01", "channel binding is not supported");
        if (!(message.startsWith("n,") || message.startsWith("y,"))) throw malformed("unexpected gs2 header");
        int second = message.indexOf(',', 2);
        if (second < 0) throw malformed("missing gs2 header end");
        if (second != 2 && !message.startsWith("a=", 2)) throw malformed("unexpected authzid");
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        if (clientNonce == null || clientNonce.isEmpty()) throw malformed("missing client nonce");
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /** Handles client-final-message; returns server-final-message ("v=...") when the proof is right. */
    public String clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) throw malformed("missing proof");
        String withoutProof = message.substring(0, proofAt);
        String binding = attribute(message, 'c');
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(binding)) throw malformed("unexpected channel binding");
        if (!nonce.equals(attribute(message, 'r'))) throw malformed("nonce does not match");
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw malformed("malformed proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] authBytes = authMessage.getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramVerifier.hmac(verifier.storedKey(), authBytes);
        if (proof.length != clientSignature.length) throw new AuthFailure("28P01", null);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        if (!realUser || !MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey())) {
            throw new AuthFailure("28P01", null);
        }
        byte[] serverSignature = ScramVerifier.hmac(verifier.serverKey(), authBytes);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') return part.substring(2);
        }
        return null;
    }

    private static AuthFailure malformed(String why) {
        return new AuthFailure("08P01", "malformed SCRAM message (" + why + ")");
    }
}
