package io.wirewrap.fdw;

import java.util.List;
import java.util.Map;

/**
 * A foreign table: its name, columns in declaration order and its table-level options
 * ({@code object}, {@code rowid_column}, ...). Sources return these from {@link ForeignSource#importSchema};
 * the catalog hands them back to {@link ForeignSource#open}.
 */
public record TableDef(String name, List<ColumnDef> columns, Map<String, String> options) {
    public TableDef {
        columns = List.copyOf(columns);
        options = Map.copyOf(options);
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(column)) return i;
        return -1;
    }
}
