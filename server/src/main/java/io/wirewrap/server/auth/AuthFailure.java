package io.wirewrap.server.auth;

/** Authentication did not succeed: SQLSTATE and message (null message = the standard "password authentication failed"). */
public final class AuthFailure extends RuntimeException {
    private final String sqlState;

    public AuthFailure(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
