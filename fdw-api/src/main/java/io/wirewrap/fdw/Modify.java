package io.wirewrap.fdw;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A write. Rows of {@code Insert} hold values for {@code columns}; {@code Update}/{@code Delete} address rows
 * by their rowid value (the table's {@code rowid_column}), which the planner found with an ordinary scan first.
 * That scan also reads the table's {@link ForeignTable#rowKeyColumns()}: {@code keys} holds, per row and parallel
 * to {@code rowids}, those columns' values (a value may be null; a map has every key column the planner read).
 * Writes return the rows as the remote system answered them, in table column order, for RETURNING.
 */
public sealed interface Modify {
    record Insert(List<String> columns, List<Object[]> rows) implements Modify {}

    /** Column values to set; a null value means "unset" where the remote allows it. */
    record Update(List<Object> rowids, Map<String, Object> changes, List<Map<String, Object>> keys) implements Modify {
        public Update {
            keys = checkKeys(rowids, keys);
        }

        /** Rows addressed by rowid alone (no key columns). */
        public Update(List<Object> rowids, Map<String, Object> changes) {
            this(rowids, changes, noKeys(rowids.size()));
        }
    }

    record Delete(List<Object> rowids, List<Map<String, Object>> keys) implements Modify {
        public Delete {
            keys = checkKeys(rowids, keys);
        }

        /** Rows addressed by rowid alone (no key columns). */
        public Delete(List<Object> rowids) {
            this(rowids, noKeys(rowids.size()));
        }
    }

    /** One row's key-column values, {@code columns} taken from {@code values[from...]}; nulls allowed, unlike {@code Map.of}. */
    static Map<String, Object> key(List<String> columns, Object[] values, int from) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) m.put(columns.get(i), values[from + i]);
        return Collections.unmodifiableMap(m);
    }

    private static List<Map<String, Object>> noKeys(int rows) {
        return Collections.nCopies(rows, Map.of());
    }

    private static List<Map<String, Object>> checkKeys(List<Object> rowids, List<Map<String, Object>> keys) {
        if (keys.size() != rowids.size()) {
            throw new IllegalArgumentException(keys.size() + " key rows for " + rowids.size() + " rowids");
        }
        return Collections.unmodifiableList(keys);
    }
}
