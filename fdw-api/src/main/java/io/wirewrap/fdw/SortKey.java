package io.wirewrap.fdw;

/** One {@code ORDER BY} key on a column of the scanned table. */
public record SortKey(String column, boolean descending, boolean nullsFirst) {
    public static SortKey asc(String column) {
        return new SortKey(column, false, false);
    }

    public static SortKey desc(String column) {
        return new SortKey(column, true, true);
    }
}
