package io.wirewrap.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Rewrites parenthesised join trees into flat join lists, in place: {@code FROM (r1 INNER JOIN r2 ON c)} (the
 * form postgres_fdw sends for every pushed join) becomes {@code FROM r1 INNER JOIN r2 ON c}, so the tables
 * inside are seen, resolved and pushed to like any other. Only rewrites that keep the meaning:
 * <ul>
 *   <li>an unaliased parenthesised item first in FROM: {@code (a J1 b) J2 c} is {@code a J1 b J2 c}, whatever
 *       the join kinds, since joins associate left to right;</li>
 *   <li>an unaliased parenthesised item on the right of an inner join, when every join inside is inner too:
 *       {@code a JOIN (b JOIN c ON x) ON y} is {@code a JOIN b ON true JOIN c ON x AND y}.</li>
 * </ul>
 * Anything else (outer joins around a bushy tree) stays parenthesised.
 */
public final class ParenthesizedJoins {
    private ParenthesizedJoins() {}

    public static void flatten(Statement statement) {
        if (statement instanceof Select select) flatten(select);
    }

    private static void flatten(Select select) {
        if (select.getWithItemsList() != null) {
            for (WithItem<?> with : select.getWithItemsList()) {
                if (with.getSelect() != null) flatten(with.getSelect());
            }
        }
        switch (select) {
            case PlainSelect ps -> flatten(ps);
            case SetOperationList set -> set.getSelects().forEach(ParenthesizedJoins::flatten);
            case ParenthesedSelect p -> flatten(p.getSelect());
            default -> { }
        }
    }

    private static void flatten(PlainSelect ps) {
        List<Join> joins = new ArrayList<>();
        FromItem from = ps.getFromItem();
        // (a J1 b) J2 c -> a J1 b J2 c, repeatedly for ((a J1 b) J2 c) J3 d
        while (from instanceof ParenthesedFromItem p && p.getAlias() == null) {
            List<Join> inner = p.getJoins() == null ? List.of() : p.getJoins();
            joins.addAll(0, inner);
            from = p.getFromItem();
        }
        if (from == null) return;
        if (ps.getJoins() != null) joins.addAll(ps.getJoins());
        List<Join> flat = new ArrayList<>();
        for (Join join : joins) flat.addAll(flattenRight(join));
        ps.setFromItem(from);
        ps.setJoins(flat.isEmpty() ? null : flat);
        descend(from);
        for (Join j : flat) descend(j.getFromItem());
    }

    /** {@code JOIN (b JOIN c ON x) ON y} with inner joins only: {@code JOIN b ON true JOIN c ON x AND y}. */
    private static List<Join> flattenRight(Join join) {
        if (!(join.getFromItem() instanceof ParenthesedFromItem p) || p.getAlias() != null || !isInner(join)
                || p.getJoins() == null || p.getJoins().isEmpty() || !p.getJoins().stream().allMatch(ParenthesizedJoins::isInner)) {
            return List.of(join);
        }
        List<Join> out = new ArrayList<>();
        Join first = new Join();
        first.setInner(true);
        first.setFromItem(p.getFromItem());
        first.addOnExpression(new net.sf.jsqlparser.expression.BooleanValue(true));
        out.addAll(flattenRight(first));
        for (Join inner : p.getJoins()) out.addAll(flattenRight(inner));
        Join last = out.get(out.size() - 1);
        List<Expression> on = new ArrayList<>(last.getOnExpressions());
        on.addAll(join.getOnExpressions());
        Expression combined = on.stream().reduce(AndExpression::new).orElseThrow();
        last.setOnExpressions(List.of(combined));
        return out;
    }

    private static boolean isInner(Join j) {
        return !j.isLeft() && !j.isRight() && !j.isFull() && !j.isOuter() && !j.isSemi() && !j.isNatural()
                && (j.getUsingColumns() == null || j.getUsingColumns().isEmpty());
    }

    private static void descend(FromItem item) {
        if (item instanceof ParenthesedSelect p) flatten(p.getSelect());
    }
}
