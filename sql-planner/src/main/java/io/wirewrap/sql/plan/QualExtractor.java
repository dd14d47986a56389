package io.wirewrap.sql.plan;

import io.wirewrap.fdw.CompareOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;

/**
 * Turns the AND-ed conjuncts of a WHERE/ON clause into {@link QualTemplate}s on one table's columns: the shapes
 * {@code col op const}, {@code in}, {@code = any($n)}, {@code between}, {@code is [not] null}, {@code [i]like},
 * and {@code col->'a'->>'b' = const}. A conjunct it cannot express yields nothing and stays local.
 */
public final class QualExtractor {
    private QualExtractor() {}

    /** Splits {@code a AND (b AND c)} into {@code [a, b, c]}. */
    public static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        split(e, out);
        return out;
    }

    private static void split(Expression e, List<Expression> out) {
        if (e == null) return;
        if (e instanceof AndExpression and) {
            split(and.getLeftExpression(), out);
            split(and.getRightExpression(), out);
        } else if (unwrap(e) != e) {
            split(unwrap(e), out);
        } else {
            out.add(e);
        }
    }

    /**
     * @param columnOf the column name of this table a column reference denotes, or null when it is not one of its
     */
    public static List<QualTemplate> extract(Expression e, Function<Column, String> columnOf) {
        e = unwrap(e);
        String display = e.toString();
        if (e instanceof EqualsTo eq && eq.getRightExpression() instanceof net.sf.jsqlparser.expression.Function f
                && isAny(f)) {
            String col = column(eq.getLeftExpression(), columnOf);
            Expression arg = f.getParameters().get(0);
            if (col != null && arg instanceof JdbcParameter jp) {
                return List.of(new QualTemplate.In(col, List.of(new ValueRef.Param(jp.getIndex())), true, display));
            }
            if (col != null && arg instanceof CastExpression cast && cast.getLeftExpression() instanceof StringValue sv
                    && cast.getColDataType().toString().endsWith("[]")) {
                // postgres_fdw sends IN lists as = ANY ('{a,b}'::text[])
                List<ValueRef> vals = new ArrayList<>();
                for (String el : PgLexer.pathElements(sv.getValue().replace("''", "'"))) vals.add(new ValueRef.Literal(el));
                return List.of(new QualTemplate.In(col, vals, false, display));
            }
            if (col != null && arg instanceof net.sf.jsqlparser.expression.ArrayConstructor ac) {
                List<ValueRef> vals = constants(ac.getExpressions());
                return vals == null ? List.of() : List.of(new QualTemplate.In(col, vals, false, display));
            }
            return List.of();
        }
        if (e instanceof ComparisonOperator cmp) {
            CompareOp op = op(cmp);
            if (op == null) return List.of();
            String left = column(cmp.getLeftExpression(), columnOf);
            ValueRef right = constant(cmp.getRightExpression());
            if (left != null && right != null) return List.of(new QualTemplate.Compare(left, op, right, display));
            String rcol = column(cmp.getRightExpression(), columnOf);
            ValueRef lval = constant(cmp.getLeftExpression());
            if (rcol != null && lval != null) return List.of(new QualTemplate.Compare(rcol, op.commuted(), lval, display));
            // created > now() - interval '30 days': a lower bound known when the statement runs (see RecentTime)
            ValueRef since = left != null ? RecentTime.of(cmp.getRightExpression()) : null;
            CompareOp sinceOp = op;
            if (since == null && rcol != null) {
                since = RecentTime.of(cmp.getLeftExpression());
                sinceOp = op.commuted();
                left = rcol;
            }
            if (since != null && (sinceOp == CompareOp.GT || sinceOp == CompareOp.GE)) {
                return List.of(new QualTemplate.Compare(left, sinceOp, since, display));
            }
            if (op == CompareOp.EQ && cmp.getLeftExpression() instanceof JsonExpression json && right != null) {
                var path = jsonPath(json, columnOf);
                if (path != null) return List.of(new QualTemplate.JsonPathEquals(path.column, path.keys, right, display));
            }
            return List.of();
        }
        if (e instanceof InExpression in && !in.isNot() && in.getRightExpression() instanceof ExpressionList<?> list
                && !(in.getRightExpression() instanceof net.sf.jsqlparser.statement.select.Select)) {
            String col = column(in.getLeftExpression(), columnOf);
            List<ValueRef> vals = constants(list);
            if (col != null && vals != null) return List.of(new QualTemplate.In(col, vals, false, display));
            return List.of();
        }
        if (e instanceof Between b && !b.isNot()) {
            String col = column(b.getLeftExpression(), columnOf);
            ValueRef lo = constant(b.getBetweenExpressionStart());
            ValueRef hi = constant(b.getBetweenExpressionEnd());
            ValueRef since = col != null && lo == null ? RecentTime.of(b.getBetweenExpressionStart()) : null;
            if (since != null) {
                // between now() - interval '7 days' and <anything>: the lower bound is pushed, the statement checks the rest
                return List.of(new QualTemplate.Compare(col, CompareOp.GE, since, display));
            }
            if (col != null && lo != null && hi != null) {
                return List.of(new QualTemplate.Compare(col, CompareOp.GE, lo, display),
                        new QualTemplate.Compare(col, CompareOp.LE, hi, display));
            }
            return List.of();
        }
        if (e instanceof Column c && column(c, columnOf) instanceof String col) {
            return List.of(new QualTemplate.Truth(col, true, display));
        }
        if (e instanceof NotExpression not && unwrap(not.getExpression()) instanceof Column c && column(c, columnOf) instanceof String col) {
            return List.of(new QualTemplate.Truth(col, false, display));
        }
        if (e instanceof IsNullExpression isNull) {
            String col = column(isNull.getLeftExpression(), columnOf);
            return col == null ? List.of() : List.of(new QualTemplate.IsNull(col, isNull.isNot(), display));
        }
        if (e instanceof LikeExpression like && like.getEscape() == null
                && like.getLikeKeyWord() != null
                && (like.getLikeKeyWord() == LikeExpression.KeyWord.LIKE || like.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE)) {
            String col = column(like.getLeftExpression(), columnOf);
            ValueRef pattern = constant(like.getRightExpression());
            if (col != null && pattern != null) {
                return List.of(new QualTemplate.Like(col, pattern,
                        like.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE, like.isNot(), display));
            }
        }
        return List.of();
    }

    /** {@code (x)} is x; JSqlParser 5 parses parentheses as a one-element list. */
    public static Expression unwrap(Expression e) {
        while (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> l && l.size() == 1) {
            e = l.get(0);
        }
        return e;
    }

    static boolean isAny(net.sf.jsqlparser.expression.Function f) {
        String n = f.getName().toLowerCase(Locale.ROOT);
        return (n.equals("any") || n.equals("some")) && f.getParameters() != null && f.getParameters().size() == 1;
    }

    private static CompareOp op(ComparisonOperator cmp) {
        if (cmp instanceof EqualsTo) return CompareOp.EQ;
        if (cmp instanceof NotEqualsTo) return CompareOp.NE;
        if (cmp instanceof GreaterThan) return CompareOp.GT;
        if (cmp instanceof GreaterThanEquals) return CompareOp.GE;
        if (cmp instanceof MinorThan) return CompareOp.LT;
        if (cmp instanceof MinorThanEquals) return CompareOp.LE;
        return null;
    }

    private static String column(Expression e, Function<Column, String> columnOf) {
        e = unwrap(e);
        return e instanceof Column c ? columnOf.apply(c) : null;
    }

    private static List<ValueRef> constants(ExpressionList<?> list) {
        List<ValueRef> out = new ArrayList<>();
        for (Expression x : list) {
            ValueRef v = constant(x);
            if (v == null) return null;
            out.add(v);
        }
        return out;
    }

    /** A literal or parameter (possibly cast, as in {@code '2024-01-01'::timestamp}); null when not constant. */
    /** Whether a qual's value is only a bound (see {@link RecentTime}): the statement must still check its conjunct. */
    public static boolean onlyABound(List<QualTemplate> quals) {
        return quals.stream().anyMatch(q -> q instanceof QualTemplate.Compare c && c.value() instanceof ValueRef.SinceNow);
    }

    public static ValueRef constant(Expression e) {
        e = unwrap(e);
        if (e instanceof CastExpression c && !c.getColDataType().getDataType().toLowerCase(Locale.ROOT).startsWith("reg")) {
            return constant(c.getLeftExpression());
        }
        if (e instanceof StringValue s) return new ValueRef.Literal(s.getValue().replace("''", "'"));
        if (e instanceof LongValue l) return new ValueRef.Literal(l.getValue());
        if (e instanceof DoubleValue d) return new ValueRef.Literal(new java.math.BigDecimal(d.toString()));
        if (e instanceof BooleanValue b) return new ValueRef.Literal(b.getValue());
        if (e instanceof DateValue d) return new ValueRef.Literal(d.getValue().toString());
        if (e instanceof TimestampValue t) return new ValueRef.Literal(t.getValue().toLocalDateTime());
        if (e instanceof JdbcParameter p && p.getIndex() != null && "$".equals(p.getParameterCharacter())) {
            return new ValueRef.Param(p.getIndex());
        }
        if (e instanceof SignedExpression s && s.getSign() == '-') {
            ValueRef inner = constant(s.getExpression());
            if (inner instanceof ValueRef.Literal lit && lit.value() instanceof Long l) return new ValueRef.Literal(-l);
            if (inner instanceof ValueRef.Literal lit && lit.value() instanceof java.math.BigDecimal d) return new ValueRef.Literal(d.negate());
        }
        return null;
    }

    private record JsonPath(String column, List<String> keys) {}

    /** {@code col->'a'->>'b'}: string keys only, last step {@code ->>} (text comparison). */
    private static JsonPath jsonPath(JsonExpression json, Function<Column, String> columnOf) {
        String col = column(json.getExpression(), columnOf);
        if (col == null) return null;
        List<String> keys = new ArrayList<>();
        var idents = JsonSteps.of(json);
        for (int i = 0; i < idents.size(); i++) {
            var step = idents.get(i);
            boolean last = i == idents.size() - 1;
            if (!(step.getKey() instanceof StringValue sv)) return null;
            if (last != step.getValue().equals("->>")) return null;
            keys.addAll(JsonSteps.keys(sv));
        }
        return new JsonPath(col, keys);
    }
}
