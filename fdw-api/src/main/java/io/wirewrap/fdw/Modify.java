package io.wirewrap.fdw;

import java.util.List;
import java.util.Map;

/**
 * A write. Rows of {@code Insert} hold values for {@code columns}; {@code Update}/{@code Delete} address rows
 * by their rowid value (the table's {@code rowid_column}), which the planner found with an ordinary scan first.
 * Writes return the rows as the remote system answered them, in table column order, for RETURNING.
 */
public sealed interface Modify {
    record Insert(List<String> columns, List<Object[]> rows) implements Modify {}

    /** Column values to set; a null value means "unset" where the remote allows it. */
    record Update(List<Object> rowids, Map<String, Object> changes) implements Modify {}

    record Delete(List<Object> rowids) implements Modify {}
}
