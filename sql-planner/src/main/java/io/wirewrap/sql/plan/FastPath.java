package io.wirewrap.sql.plan;

import io.wirewrap.fdw.SortKey;
import java.util.List;

/**
 * A statement that may stream straight from one foreign table: plain column projections, every WHERE conjunct
 * expressed as a qual, ORDER BY on plain columns, constant LIMIT/OFFSET. Whether it does is decided per
 * execution, once the source has said what it takes.
 *
 * @param projection for each output column, the table column it shows and the name it is shown under
 */
public record FastPath(ScanSlot slot, List<Projection> projection, List<SortKey> sort, ValueRef limit, ValueRef offset) {
    public record Projection(String column, String outputName) {}
}
