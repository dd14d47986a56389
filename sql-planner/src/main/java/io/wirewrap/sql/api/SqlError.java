package io.wirewrap.sql.api;

import io.wirewrap.fdw.FdwException;

/**
 * An error to send as ErrorResponse: SQLSTATE, message, optional detail/hint and 1-based cursor position in
 * the statement. The session survives it. Messages never include credentials.
 */
public class SqlError extends FdwException {
    private final int position;

    public SqlError(String sqlState, String message) {
        this(sqlState, message, null, null, 0, null);
    }

    public SqlError(String sqlState, String message, String detail, String hint, int position, Throwable cause) {
        super(sqlState, message, detail, hint, cause);
        this.position = position;
    }

    public int position() {
        return position;
    }

    public static SqlError syntax(String message, int position) {
        return new SqlError("42601", message, null, null, position, null);
    }

    public static SqlError unsupported(String construct) {
        return new SqlError("0A000", construct + " is not supported");
    }
}
