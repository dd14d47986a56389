package io.wirewrap.sql.api;

import io.wirewrap.fdw.CancelToken;
import java.util.function.Consumer;

/** Per-execution hooks: cancellation (CancelRequest, statement_timeout) and NOTICE delivery to the client. */
public record ExecContext(CancelToken cancel, Consumer<Notice> notices) {
    public record Notice(String severity, String sqlState, String message, String detail) {}
}
