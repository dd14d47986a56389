package io.wirewrap.sql.exec;

import io.wirewrap.sql.plan.Analyzer;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Gives every unaliased select-list item the name PostgreSQL would show ({@code count}, {@code ?column?},
 * {@code id} for {@code c.id}, ...), so DuckDB's own naming never reaches the client.
 */
final class ResultNames {
    private ResultNames() {}

    static void apply(Statement st) {
        PlainSelect ps = firstSelect(st);
        if (ps == null) return;
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (item.getAlias() != null || e instanceof AllColumns) continue;
            item.setAlias(new Alias("\"" + pgName(e).replace("\"", "\"\"") + "\"", true));
        }
        for (SelectItem<?> item : ps.getSelectItems()) {
            // PostgreSQL folds unquoted aliases to lower case; make DuckDB keep exactly that
            Alias a = item.getAlias();
            if (a != null && !a.getName().startsWith("\"")) {
                item.setAlias(new Alias("\"" + Analyzer.ident(a.getName()) + "\"", true));
            }
        }
    }

    private static PlainSelect firstSelect(Statement st) {
        if (st instanceof PlainSelect ps) return ps;
        if (st instanceof SetOperationList so && !so.getSelects().isEmpty()) return firstSelect(so.getSelects().get(0));
        if (st instanceof net.sf.jsqlparser.statement.select.ParenthesedSelect p) return firstSelect(p.getSelect());
        return null;
    }

    static String pgName(Expression e) {
        e = unwrap(e);
        if (e instanceof Column c) return Analyzer.ident(c.getColumnName());
        if (e instanceof Function f) {
            var parts = f.getMultipartName();
            String n = Analyzer.ident(parts.get(parts.size() - 1));
            return (n.equals("any") || n.equals("some")) ? "?column?" : n;
        }
        if (e instanceof AnalyticExpression a) return a.getName().toLowerCase(Locale.ROOT);
        if (e instanceof CastExpression c) {
            Expression inner = unwrap(c.getLeftExpression());
            if (inner instanceof Column || inner instanceof Function || inner instanceof CastExpression) return pgName(inner);
            String t = c.getColDataType().getDataType().toLowerCase(Locale.ROOT).replace("pg_catalog.", "");
            return switch (t) {
                case "int", "integer" -> "int4";
                case "bigint" -> "int8";
                case "smallint" -> "int2";
                case "boolean" -> "bool";
                case "double precision" -> "float8";
                case "real" -> "float4";
                case "character varying" -> "varchar";
                case "timestamp with time zone" -> "timestamptz";
                case "timestamp without time zone" -> "timestamp";
                case "decimal" -> "numeric";
                default -> t.replaceAll("\\(.*", "");
            };
        }
        if (e instanceof CaseExpression) return "case";
        if (e instanceof net.sf.jsqlparser.expression.TimezoneExpression) return "timezone";
        if (e instanceof net.sf.jsqlparser.expression.TrimFunction) return "btrim";
        if (e instanceof net.sf.jsqlparser.statement.select.ParenthesedSelect ps && ps.getSelect() instanceof PlainSelect inner
                && inner.getSelectItems().size() == 1) {
            SelectItem<?> only = inner.getSelectItems().get(0);
            return only.getAlias() != null ? Analyzer.ident(only.getAlias().getName()) : pgName(only.getExpression());
        }
        if (e instanceof ExtractExpression) return "extract";
        if (e instanceof TimeKeyExpression t) return t.getStringValue().toLowerCase(Locale.ROOT);
        return "?column?";
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> l && l.size() == 1) e = l.get(0);
        return e;
    }
}
