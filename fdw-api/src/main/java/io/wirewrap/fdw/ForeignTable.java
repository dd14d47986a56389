package io.wirewrap.fdw;

import java.util.List;

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
     * Columns besides the rowid that an UPDATE or DELETE needs to address a row: the planner reads them in the scan
     * that finds the rows and hands their values over in {@link Modify.Update#keys()} / {@link Modify.Delete#keys()}
     * (e.g. the parent id in {@code /v1/customers/{customer}/tax_ids/{id}}). Each must be a column of
     * {@link #definition()}. None by default.
     */
    default List<String> rowKeyColumns() {
        return List.of();
    }

    /**
     * Checks a write before any remote call (read-only object, field the endpoint does not take, ...),
     * throwing an {@link FdwException} that names the offending column.
     */
    void validate(Modify modify);

    /** Performs a write; the stream returns the affected rows as the remote answered them, in column order. */
    RowStream modify(Modify modify, ScanContext context);
}
