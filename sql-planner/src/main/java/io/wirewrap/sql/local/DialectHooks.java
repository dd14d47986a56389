package io.wirewrap.sql.local;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * What the DuckDB writer reports while it walks a statement and what it asks of the planner. The first (analysis)
 * pass records tables, columns and selects; the second pass substitutes the per-query scan tables.
 */
public interface DialectHooks {
    default void table(Table table) {}

    default void column(Column column) {}

    /** A JSON operator chain ({@code attrs->'customer'->>'email'}, {@code #>>} included) was seen. */
    default void json(net.sf.jsqlparser.expression.JsonExpression json) {}

    default void allColumns(PlainSelect select) {}

    default void allTableColumns(AllTableColumns columns) {}

    default void withName(String name) {}

    /** A {@code $n} parameter was seen. */
    default void parameter(int index) {}

    /** The DuckDB text standing for parameter {@code $index}. */
    default String parameterSql(int index) {
        return "$" + index;
    }

    default void plainSelect(PlainSelect select) {}

    /** A {@code ::regclass} / {@code ::regtype} cast needs the named system relation loaded. */
    default void needsSystemRelation(String name) {}

    /** The DuckDB relation to read instead of {@code table}, or null to keep the name as written. */
    default String replacement(Table table) {
        return null;
    }

    /** The DuckDB table holding system relation {@code name} (e.g. pg_class), or null when not loaded. */
    default String systemTable(String name) {
        return null;
    }

    /** The declared type of a scanned foreign-table column, or null when {@code column} is not one (or unknown). */
    default io.wirewrap.fdw.ColumnType columnType(Column column) {
        return null;
    }

    /** True when {@code column} is a foreign-table column of an integer or numeric type (avg then yields numeric). */
    default boolean exactNumeric(Column column) {
        io.wirewrap.fdw.ColumnType t = columnType(column);
        return t != null && switch (t) {
            case INT2, INT4, INT8, NUMERIC -> true;
            default -> false;
        };
    }

    /** The session setting {@code current_setting(name)} reads, or null when unknown. */
    default String setting(String name) {
        return null;
    }
}
