package io.wirewrap.fdw;

/**
 * One foreign table opened against its server's options. Plans are cheap and remote-free; scans and writes
 * do the remote work. Implementations are thread-safe: one instance serves every session.
 */
public interface ForeignTable {
    TableDef definition();

    /** Decides which quals, sort and limit the source takes. Must not call the remote system. */
    ScanPlan plan(ScanRequest request);

    /** Runs a plan made by {@link #plan}. Rows are fetched lazily as the stream is pulled. */
    RowStream scan(ScanPlan plan, ScanContext context);

    /**
     * Checks a write before any remote call (read-only object, field the endpoint does not take, ...),
     * throwing an {@link FdwException} that names the offending column.
     */
    void validate(Modify modify);

    /** Performs a write; the stream returns the affected rows as the remote answered them, in column order. */
    RowStream modify(Modify modify, ScanContext context);
}
