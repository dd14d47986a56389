package io.wirewrap.sql.exec;

import io.wirewrap.fdw.Qual;
import java.util.stream.Collectors;

/**
 * A bound qual as a DuckDB predicate over a scan's temp table. Used to narrow the keys of a dependent join to
 * the outer rows that survive the outer table's own conditions (which the source may not have applied).
 */
final class QualSql {
    private QualSql() {}

    static String of(Qual q) {
        String col = ScanLoader.quote(q.column());
        return switch (q) {
            case Qual.Compare c -> col + " " + c.op().symbol() + " " + literal(c.value());
            case Qual.In in -> in.values().isEmpty() ? "false"
                    : col + " IN (" + in.values().stream().map(QualSql::literal).collect(Collectors.joining(", ")) + ")";
            case Qual.IsNull n -> col + (n.negated() ? " IS NOT NULL" : " IS NULL");
            case Qual.Like l -> col + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE " : " LIKE ") + literal(l.pattern()) + " ESCAPE '\\'";
            case Qual.JsonPathEquals j -> "json_extract_string(" + col + ", " + literal("$" + j.path().stream()
                    .map(k -> ".\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining())) + ") = " + literal(j.value());
        };
    }

    static String literal(Object v) {
        return switch (v) {
            case null -> "NULL";
            case Number n -> n instanceof java.math.BigDecimal b ? b.toPlainString() : n.toString();
            case Boolean b -> b.toString();
            case java.time.LocalDateTime t -> "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
            case java.time.OffsetDateTime o -> "TIMESTAMPTZ '" + o + "'";
            case java.time.LocalDate d -> "DATE '" + d + "'";
            default -> "'" + v.toString().replace("'", "''") + "'";
        };
    }
}
