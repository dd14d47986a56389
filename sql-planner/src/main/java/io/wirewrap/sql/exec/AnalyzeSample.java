package io.wirewrap.sql.exec;

import io.wirewrap.sql.plan.Analyzer;
import io.wirewrap.sql.session.SessionContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Bounds what {@code ANALYZE} of a postgres_fdw foreign table costs. postgres_fdw samples by fetching every
 * remote row (PostgreSQL 15 always; 16 too, since wirewrap's tables report {@code relkind 'f'} and no
 * {@code reltuples}): against Stripe that is one API request per 100 objects, for the whole account. Its first
 * statement is always the size query {@code SELECT pg_catalog.pg_relation_size('s.t'::pg_catalog.regclass) / 8192}
 * (answered 0, as PostgreSQL answers for a foreign table). When it names a foreign table, the session's next
 * cursor over that table alone, unfiltered or filtered by postgres_fdw's {@code random() < fraction}, gets
 * {@code LIMIT wirewrap.analyze_sample_rows} (default 30000: what ANALYZE samples at the default statistics
 * target): the newest objects, a bounded number of requests. The watch ends with that cursor (whatever it
 * reads) or with the transaction; statements in between (postgres_fdw 16 reads pg_class) leave it.
 */
final class AnalyzeSample {
    static final String ROWS_SETTING = "wirewrap.analyze_sample_rows";
    static final long DEFAULT_ROWS = 30_000;
    private static final Pattern SIZE_QUERY = Pattern.compile(
            "(?is)\\s*select\\s+pg_catalog\\.pg_relation_size\\(\\s*'((?:[^']|'')+)'::pg_catalog\\.regclass\\s*\\)\\s*/\\s*\\d+\\s*;?\\s*");

    /** The foreign table ANALYZE is about to sample, as {schema, name}; null when none. */
    private String[] pending;

    private static AnalyzeSample of(SessionContext session) {
        return session.attachment(AnalyzeSample.class, () -> {
            AnalyzeSample a = new AnalyzeSample();
            session.onTransactionEnd(() -> a.pending = null);
            return a;
        });
    }

    /** Called for each query text the session prepares: notes the foreign table ANALYZE is sizing, if any. */
    static void observe(String sql, SessionContext session, QueryEnv env) {
        Matcher m = SIZE_QUERY.matcher(sql);
        if (!m.matches()) return;
        String[] name = splitQualified(m.group(1).replace("''", "'"));
        boolean foreign = name != null && env.resolver() != null
                && env.resolver().resolve(name[0], name[1], session).isPresent();
        of(session).pending = foreign ? name : null;
    }

    /**
     * Called with each cursor's query before it is planned: when it is ANALYZE's sample scan of the pending table,
     * limits it in place to the sample size (postgres_fdw's random() filter dropped: the limit samples instead).
     */
    static void limitSampleScan(Statement statement, SessionContext session) {
        AnalyzeSample a = session.attachment(AnalyzeSample.class, () -> null);
        if (a == null || a.pending == null) return;
        String[] target = a.pending;
        a.pending = null;
        if (!(statement instanceof PlainSelect ps) || !(ps.getFromItem() instanceof Table t)
                || (ps.getJoins() != null && !ps.getJoins().isEmpty()) || ps.getLimit() != null
                || ps.getGroupBy() != null || ps.getOrderByElements() != null) return;
        String schema = t.getSchemaName() == null ? null : Analyzer.ident(t.getSchemaName());
        if (!Analyzer.ident(t.getName()).equals(target[1]) || (schema != null && !schema.equals(target[0]))) return;
        if (ps.getWhere() != null && !isRandomFilter(ps.getWhere())) return;
        ps.setWhere(null);
        ps.setLimit(new Limit().withRowCount(new LongValue(sampleRows(session))));
    }

    private static long sampleRows(SessionContext session) {
        try {
            return Math.max(1, Long.parseLong(session.settings().getOrDefault(ROWS_SETTING, String.valueOf(DEFAULT_ROWS)).strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_ROWS;
        }
    }

    /** postgres_fdw 16's {@code WHERE pg_catalog.random() < 0.03} sampling filter. */
    private static boolean isRandomFilter(net.sf.jsqlparser.expression.Expression where) {
        return where instanceof ComparisonOperator c && c.getLeftExpression() instanceof Function f
                && f.getName().toLowerCase(Locale.ROOT).replace("pg_catalog.", "").equals("random");
    }

    private static String[] splitQualified(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length == 1) return new String[] {null, Analyzer.ident(parts[0])};
        if (parts.length == 2) return new String[] {Analyzer.ident(parts[0]), Analyzer.ident(parts[1])};
        return null;
    }
}
