package io.wirewrap.sql.api;

import java.util.List;

/**
 * The outcome of executing one statement. Row results stream: the server pulls {@link #next()} as the
 * client's channel becomes writable, so memory stays bounded. A row holds Java values per column type OID.
 */
public interface QueryResult extends AutoCloseable {
    enum Kind { ROWS, COMMAND, COPY_OUT, COPY_IN }

    Kind kind();

    /** Columns for ROWS and COPY_OUT; null for COMMAND. */
    List<ResultColumn> columns();

    /** Next row or null at end (ROWS, COPY_OUT). Throws {@link SqlError} on failure. */
    Object[] next();

    /** The CommandComplete tag, valid once the rows are exhausted or for COMMAND: "SELECT 3", "INSERT 0 1". */
    String commandTag();

    /** For COPY_OUT/COPY_IN: format options (text or csv, delimiter, header, null string). */
    default CopyFormat copyFormat() {
        return null;
    }

    /** For COPY_IN: receives the client's data; the engine returns the tag when done. */
    default CopyInSink copyIn() {
        return null;
    }

    @Override
    void close();

    record CopyFormat(boolean csv, char delimiter, boolean header, String nullString) {
        public static final CopyFormat TEXT = new CopyFormat(false, '\t', false, "\\N");
    }

    interface CopyInSink {
        void accept(byte[] data);

        /** End of data; returns the CommandComplete tag ("COPY n"). */
        String finish();

        void abort(String reason);
    }
}
