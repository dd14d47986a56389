package io.wirewrap.server.protocol;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.sql.api.SqlError;

/** The fields of an ErrorResponse/NoticeResponse that wirewrap sends. */
public record ErrorFields(String severity, String sqlState, String message, String detail, String hint, int position) {
    public static ErrorFields error(String sqlState, String message) {
        return new ErrorFields("ERROR", sqlState, message, null, null, 0);
    }

    public static ErrorFields fatal(String sqlState, String message) {
        return new ErrorFields("FATAL", sqlState, message, null, null, 0);
    }

    /** From an engine or source exception; anything else is an internal error that must not leak details. */
    public static ErrorFields of(Throwable t) {
        if (t instanceof SqlError e) {
            return new ErrorFields("ERROR", e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position());
        }
        if (t instanceof FdwException e) {
            return new ErrorFields("ERROR", e.sqlState() == null ? "XX000" : e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new ErrorFields("ERROR", "XX000", "internal error: " + m, null, null, 0);
    }
}
