package io.wirewrap.sql.plan;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.JsonPathRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;

/**
 * One reference to a foreign table in a statement ({@code from stripe.charges c}): the columns the statement
 * needs from it and the quals it may push. A table referenced twice gets two slots (two scans).
 */
public final class ScanSlot {
    private final Table node;
    private final ResolvedForeignTable table;
    private final Set<String> columns = new LinkedHashSet<>();
    private final List<QualTemplate> quals = new ArrayList<>();
    private final Set<JsonPathRef> jsonPaths = new LinkedHashSet<>();
    private boolean allColumns;
    private Dependency dependency;

    /** This scan may be fetched by batches of keys taken from {@code outer}'s already-loaded rows. */
    public record Dependency(ScanSlot outer, String outerColumn, String innerColumn) {}

    public Dependency dependency() {
        return dependency;
    }

    void dependsOn(Dependency d) {
        if (dependency == null && d.outer() != this && d.outer().dependency() == null) dependency = d;
    }

    ScanSlot(Table node, ResolvedForeignTable table) {
        this.node = node;
        this.table = table;
    }

    public Table node() {
        return node;
    }

    public ResolvedForeignTable table() {
        return table;
    }

    /** The name column references use for this table: its alias, else its name. */
    public String qualifier() {
        return node.getAlias() != null ? node.getAlias().getName() : node.getName();
    }

    void need(String column) {
        columns.add(column);
    }

    void needJsonPath(JsonPathRef path) {
        jsonPaths.add(path);
    }

    /** Paths the statement reads inside this table's JSON columns, in order of appearance (a hint for the source). */
    public List<JsonPathRef> jsonPaths() {
        return List.copyOf(jsonPaths);
    }

    void needAll() {
        allColumns = true;
    }

    void addQuals(List<QualTemplate> q) {
        quals.addAll(q);
    }

    public List<QualTemplate> quals() {
        return List.copyOf(quals);
    }

    public boolean hasColumn(String name) {
        return table.definition().indexOf(name) >= 0;
    }

    /** Needed columns in declaration order; at least one, so a bare {@code count(*)} still counts rows. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (ColumnDef c : table.definition().columns()) {
            if (allColumns || columns.contains(c.name())) out.add(c.name());
        }
        if (out.isEmpty()) out.add(table.definition().columns().get(0).name());
        return out;
    }

    public io.wirewrap.fdw.ColumnType typeOf(String column) {
        return table.definition().columns().get(table.definition().indexOf(column)).type();
    }
}
