package io.wirewrap.fdw;

/**
 * An error a source raises; it reaches the client as an ErrorResponse with this SQLSTATE, message, detail and
 * hint. Messages must never contain credentials.
 */
public class FdwException extends RuntimeException {
    private final String sqlState;
    private final String detail;
    private final String hint;

    public FdwException(String sqlState, String message) {
        this(sqlState, message, null, null, null);
    }

    public FdwException(String sqlState, String message, String detail, String hint, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
    }

    public String sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }
}
