package io.wirewrap.fdw;

import java.util.Objects;

/** One column of a foreign table as declared (or as a source proposes it for IMPORT FOREIGN SCHEMA). */
public record ColumnDef(String name, ColumnType type, boolean notNull) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ColumnDef of(String name, ColumnType type) {
        return new ColumnDef(name, type, false);
    }
}
