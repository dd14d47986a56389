package io.wirewrap.sql.local;

import io.wirewrap.fdw.ColumnType;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * The PostgreSQL numeric category of an expression, as far as the statement shows it: what decides whether
 * {@code a / b} is integer, numeric or float division. PostgreSQL divides numerics exactly and returns numeric;
 * DuckDB returns a double for any decimal operand, so a numeric division must be rewritten. UNKNOWN (a parameter,
 * a JSON value, a CASE) leaves the division to DuckDB.
 */
enum NumericKind {
    INTEGER, BIGINT, NUMERIC, FLOAT, UNKNOWN;

    boolean isInteger() {
        return this == INTEGER || this == BIGINT;
    }

    /** True when PostgreSQL would divide {@code left / right} as numerics (one numeric, the other numeric or integer). */
    static boolean numericDivision(Expression left, Expression right, DialectHooks hooks) {
        NumericKind l = of(left, hooks);
        NumericKind r = of(right, hooks);
        return (l == NUMERIC || r == NUMERIC) && (l == NUMERIC || l.isInteger()) && (r == NUMERIC || r.isInteger());
    }

    static NumericKind of(Expression e, DialectHooks hooks) {
        return switch (e) {
            case LongValue v -> v.getValue() > Integer.MAX_VALUE || v.getValue() < Integer.MIN_VALUE ? BIGINT : INTEGER;
            case DoubleValue d -> NUMERIC; // 7.0 and 1e3 are numeric constants in PostgreSQL
            case Parenthesis p -> of(p.getExpression(), hooks);
            case ParenthesedExpressionList<?> p when p.size() == 1 -> of(p.get(0), hooks);
            case SignedExpression s -> of(s.getExpression(), hooks);
            case CastExpression c -> ofTypeName(c.getColDataType().getDataType());
            case Column c -> ofColumn(hooks.columnType(c));
            case Division d -> numericDivision(d.getLeftExpression(), d.getRightExpression(), hooks) ? NUMERIC
                    : combine(of(d.getLeftExpression(), hooks), of(d.getRightExpression(), hooks));
            case Addition a -> combine(of(a.getLeftExpression(), hooks), of(a.getRightExpression(), hooks));
            case Subtraction s -> combine(of(s.getLeftExpression(), hooks), of(s.getRightExpression(), hooks));
            case Multiplication m -> combine(of(m.getLeftExpression(), hooks), of(m.getRightExpression(), hooks));
            case Modulo m -> combine(of(m.getLeftExpression(), hooks), of(m.getRightExpression(), hooks));
            case Function f -> ofFunction(f, hooks);
            case net.sf.jsqlparser.expression.CaseExpression c -> ofCase(c, hooks);
            case net.sf.jsqlparser.statement.select.ParenthesedSelect p
                    when p.getSelect() instanceof net.sf.jsqlparser.statement.select.PlainSelect ps && ps.getSelectItems().size() == 1 ->
                    of(ps.getSelectItems().get(0).getExpression(), hooks);
            default -> UNKNOWN;
        };
    }

    private static NumericKind ofFunction(Function f, DialectHooks hooks) {
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        List<?> args = f.getParameters() == null ? List.of() : f.getParameters();
        NumericKind first = args.isEmpty() || !(args.get(0) instanceof Expression a) ? UNKNOWN : of(a, hooks);
        return switch (name) {
            case "count" -> BIGINT;
            // sum(int2/int4) is bigint, sum(int8) and sum(numeric) are numeric
            case "sum" -> first == INTEGER ? BIGINT : first == BIGINT || first == NUMERIC ? NUMERIC : first == FLOAT ? FLOAT : UNKNOWN;
            case "avg" -> first.isInteger() || first == NUMERIC ? NUMERIC : first == FLOAT ? FLOAT : UNKNOWN;
            case "min", "max", "abs", "round", "trunc", "ceil", "ceiling", "floor" -> first;
            default -> UNKNOWN;
        };
    }

    private static NumericKind ofCase(net.sf.jsqlparser.expression.CaseExpression c, DialectHooks hooks) {
        if (c.getElseExpression() == null || c.getWhenClauses() == null) return UNKNOWN;
        NumericKind k = of(c.getElseExpression(), hooks);
        for (var w : c.getWhenClauses()) k = combine(k, of(w.getThenExpression(), hooks));
        return k;
    }

    private static NumericKind combine(NumericKind a, NumericKind b) {
        if (a == UNKNOWN || b == UNKNOWN) return UNKNOWN;
        if (a == FLOAT || b == FLOAT) return FLOAT;
        if (a == NUMERIC || b == NUMERIC) return NUMERIC;
        return a == BIGINT || b == BIGINT ? BIGINT : INTEGER;
    }

    private static NumericKind ofColumn(ColumnType t) {
        if (t == null) return UNKNOWN;
        return switch (t) {
            case INT2, INT4 -> INTEGER;
            case INT8 -> BIGINT;
            case NUMERIC -> NUMERIC;
            case FLOAT4, FLOAT8 -> FLOAT;
            default -> UNKNOWN;
        };
    }

    private static NumericKind ofTypeName(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
        if (t.startsWith("numeric") || t.startsWith("decimal")) return NUMERIC;
        if (t.equals("bigint") || t.equals("int8")) return BIGINT;
        if (t.equals("int") || t.equals("integer") || t.equals("int4") || t.equals("smallint") || t.equals("int2")) return INTEGER;
        if (t.startsWith("float") || t.startsWith("double") || t.equals("real")) return FLOAT;
        return UNKNOWN;
    }
}
