package io.wirewrap.sql.plan;

import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.TableDef;

/** A foreign table found by name: its schema, the open source handle, its declared definition and its OID. */
public record ResolvedForeignTable(String schema, ForeignTable table, TableDef definition, int tableOid) {
    public String name() {
        return definition.name();
    }

    public String qualifiedName() {
        return schema + "." + definition.name();
    }
}
