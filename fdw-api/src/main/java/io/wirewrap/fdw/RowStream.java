package io.wirewrap.fdw;

/**
 * Rows streamed from a source, pulled by the consumer so a slow client slows the source down.
 * Each row holds the values of {@link ScanRequest#columns()} in order. Not thread-safe.
 */
public interface RowStream extends AutoCloseable {
    /** The next row, or null at the end. Blocks while a page is fetched. Throws {@link FdwException} on failure. */
    Object[] next();

    /** Stops fetching and frees everything; idempotent. */
    @Override
    void close();

    static RowStream of(java.util.List<Object[]> rows) {
        var it = rows.iterator();
        return new RowStream() {
            @Override
            public Object[] next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {}
        };
    }
}
