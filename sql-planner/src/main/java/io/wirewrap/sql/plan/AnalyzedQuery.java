package io.wirewrap.sql.plan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

/**
 * A parsed statement with its tables resolved: the foreign-table scans it needs (with columns and quals), the
 * system relations it reads, and whether it may take the streaming fast path.
 *
 * @param system       FROM nodes that read a system relation, mapped to "schema.name"
 * @param extraSystem  system relations needed by casts ({@code ::regclass}) though not in FROM
 * @param fastPath     null unless the statement has the fast-path shape
 * @param parameterOids inferred type OID per {@code $n} (index 0 is $1; 0 when unknown, -1 when $n is not used)
 */
public record AnalyzedQuery(Statement statement, List<ScanSlot> scans, IdentityHashMap<Table, ScanSlot> slots,
                            IdentityHashMap<Table, String> system, Set<String> extraSystem, FastPath fastPath,
                            int[] parameterOids, LimitedScan limitedScan) {
    /**
     * A single-table, row-by-row statement with a LIMIT (no aggregates, grouping, DISTINCT or windows): its scan
     * may stop once the statement has produced enough rows, as postgres_fdw stops fetching from its cursor.
     */
    /**
     * A LIMIT query over one row-wise scan. {@code wholeWhere}: every WHERE conjunct became a qual of the slot, so when
     * the source applies them all exactly, the first {@code limit + offset} rows it returns (in {@code sort}) are all
     * the statement needs; {@code offset} is null without OFFSET.
     */
    public record LimitedScan(ScanSlot slot, List<io.wirewrap.fdw.SortKey> sort, boolean wholeWhere, ValueRef offset) {}

    public ScanSlot slot(Table t) {
        return slots.get(t);
    }

    public Map<Table, String> systemRefs() {
        return system;
    }
}
