package io.wirewrap.sql.plan;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.StringValue;

/**
 * The key/operator steps of a chain like {@code a->'b'->>'c'}. JSqlParser nests the chain to the right
 * ({@code a -> ('b' ->> 'c')}); PostgreSQL's operators associate to the left, so the nesting is flattened.
 */
public final class JsonSteps {
    private JsonSteps() {}

    public static List<Map.Entry<Expression, String>> of(JsonExpression json) {
        List<Map.Entry<Expression, String>> out = new ArrayList<>();
        for (var step : json.getIdentList()) add(step.getKey(), step.getValue(), out);
        return out;
    }

    /** The object keys one literal step stands for: {@code 'a'} is [a], a {@code #>} path {@code '{a,b}'} is [a, b]. */
    public static List<String> keys(StringValue step) {
        String v = step.getValue().replace("''", "'");
        if (!v.isEmpty() && v.charAt(0) == PgLexer.PATH_MARK) return PgLexer.pathElements(v.substring(1));
        return List.of(v);
    }

    /** What a chain starts from, through parenthesised chains (postgres_fdw's {@code ((a -> 'b') ->> 'c')}): a. */
    public static Expression base(JsonExpression json) {
        Expression e = QualExtractor.unwrap(json.getExpression());
        return e instanceof JsonExpression inner ? base(inner) : e;
    }

    /** The keys of the chain's leading literal steps from {@link #base}: {@code a->'b'->$1->'c'} is [b]. */
    public static List<String> literalKeys(JsonExpression json) {
        List<String> out = new ArrayList<>();
        literalKeys(json, out);
        return out;
    }

    /** Adds the leading literal keys; true when every step was literal (so an enclosing chain may go on). */
    private static boolean literalKeys(JsonExpression json, List<String> out) {
        if (QualExtractor.unwrap(json.getExpression()) instanceof JsonExpression inner && !literalKeys(inner, out)) return false;
        for (var step : of(json)) {
            if (!(step.getKey() instanceof StringValue sv)) return false;
            out.addAll(keys(sv));
        }
        return true;
    }

    private static void add(Expression key, String op, List<Map.Entry<Expression, String>> out) {
        if (key instanceof JsonExpression nested) {
            out.add(new AbstractMap.SimpleEntry<>(nested.getExpression(), op));
            for (var step : nested.getIdentList()) add(step.getKey(), step.getValue(), out);
        } else {
            out.add(new AbstractMap.SimpleEntry<>(key, op));
        }
    }
}
