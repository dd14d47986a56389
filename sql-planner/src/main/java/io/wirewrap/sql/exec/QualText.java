package io.wirewrap.sql.exec;

import io.wirewrap.fdw.Qual;
import java.util.stream.Collectors;

/** SQL-ish text of a qual for EXPLAIN. */
final class QualText {
    private QualText() {}

    static String of(Qual q) {
        return switch (q) {
            case Qual.Compare c -> c.column() + " " + c.op().symbol() + " " + lit(c.value());
            case Qual.In in -> in.values().size() > 5
                    ? in.column() + " IN (" + in.values().size() + " values)"
                    : in.column() + " IN (" + in.values().stream().map(QualText::lit).collect(Collectors.joining(", ")) + ")";
            case Qual.IsNull n -> n.column() + (n.negated() ? " IS NOT NULL" : " IS NULL");
            case Qual.Like l -> l.column() + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE " : " LIKE ") + lit(l.pattern());
            case Qual.JsonPathEquals j -> j.column() + " #>> '{" + String.join(",", j.path()) + "}' = " + lit(j.value());
        };
    }

    private static String lit(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        return "'" + v.toString().replace("'", "''") + "'";
    }
}
