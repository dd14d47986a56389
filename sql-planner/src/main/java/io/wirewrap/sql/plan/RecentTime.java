package io.wirewrap.sql.plan;

import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code now() - interval '30 days'} and its spellings as a lower bound a source may push: the statement evaluates
 * {@code now()} later than the scan is planned, and in a session time zone that may be up to 14 hours off UTC, so the
 * pushed bound is {@link #MARGIN_SECONDS} earlier than the expression (a superset of the rows, never a subset) and is
 * only ever used as a lower bound. The statement's own WHERE still decides which rows qualify, so such quals never
 * take the fast path (which trusts the source) nor cap a LIMIT scan.
 */
public final class RecentTime {
    /** 26 hours: any time zone offset plus a statement that runs for hours after its scan was planned. */
    static final long MARGIN_SECONDS = 26 * 3600;
    private static final Set<String> NOW_FUNCTIONS = Set.of("now", "transaction_timestamp", "statement_timestamp");
    private static final Set<String> NOW_KEYWORDS = Set.of("current_timestamp", "localtimestamp");
    private static final Pattern PART = Pattern.compile("\\s*(\\d+)\\s*([a-z]+)\\s*");

    private RecentTime() {}

    /** A little before {@code now() - back}, with a fractional second (see {@link ValueRef.SinceNow}). */
    static java.time.OffsetDateTime bound(long backSeconds) {
        // the half second makes the bound fractional, which a source treats as a qual to re-check, never as exact
        Instant at = Instant.now().minusSeconds(backSeconds + MARGIN_SECONDS).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 500_000_000L);
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The lower bound {@code e} denotes when it is now() or now() minus a literal interval; null otherwise. */
    static ValueRef of(Expression e) {
        e = unwrap(e);
        if (isNow(e)) return new ValueRef.SinceNow(0);
        if (e instanceof Subtraction s && isNow(unwrap(s.getLeftExpression()))) {
            Long back = intervalSeconds(unwrap(s.getRightExpression()));
            return back == null || back < 0 ? null : new ValueRef.SinceNow(back);
        }
        return null;
    }

    private static Expression unwrap(Expression e) {
        while (true) {
            if (e instanceof Parenthesis p) e = p.getExpression();
            else if (e instanceof CastExpression c && c.getColDataType().getDataType().toLowerCase(Locale.ROOT).startsWith("timestamp")) e = c.getLeftExpression();
            else return e;
        }
    }

    private static boolean isNow(Expression e) {
        if (e instanceof Function f) {
            return NOW_FUNCTIONS.contains(f.getName().toLowerCase(Locale.ROOT)) && (f.getParameters() == null || f.getParameters().isEmpty());
        }
        return e instanceof TimeKeyExpression t && NOW_KEYWORDS.contains(t.getStringValue().toLowerCase(Locale.ROOT).replace(' ', '_'));
    }

    /** {@code interval '30 days'}, {@code '2 hours'::interval}, {@code interval '1' day}: seconds, months as 31 days. */
    private static Long intervalSeconds(Expression e) {
        String text;
        if (e instanceof IntervalExpression i) {
            text = i.getParameter() != null ? i.getParameter() : null;
            if (text == null) return null;
            text = text.replace("'", "") + (i.getIntervalType() != null ? " " + i.getIntervalType() : "");
        } else if (e instanceof CastExpression c && c.getColDataType().getDataType().equalsIgnoreCase("interval")
                && c.getLeftExpression() instanceof StringValue s) {
            text = s.getValue();
        } else {
            return null;
        }
        return parse(text.toLowerCase(Locale.ROOT));
    }

    static Long parse(String text) {
        Matcher m = PART.matcher(text);
        long total = 0;
        int end = 0;
        while (m.lookingAt()) {
            Long unit = unitSeconds(m.group(2));
            if (unit == null) return null;
            total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), unit));
            end = m.end();
            m.region(end, text.length());
        }
        return end == text.length() && end > 0 ? total : null;
    }

    private static Long unitSeconds(String unit) {
        String u = unit.endsWith("s") && unit.length() > 1 ? unit.substring(0, unit.length() - 1) : unit;
        return switch (u) {
            case "second", "sec" -> 1L;
            case "minute", "min" -> 60L;
            case "hour" -> 3600L;
            case "day" -> 86_400L;
            case "week" -> 7 * 86_400L;
            // calendar units: the longest they can be, so the bound stays a superset
            case "month", "mon" -> 31 * 86_400L;
            case "year" -> 366 * 86_400L;
            default -> null;
        };
    }
}
