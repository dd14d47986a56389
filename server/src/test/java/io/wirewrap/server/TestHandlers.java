package io.wirewrap.server;

import io.wirewrap.sql.api.ExecContext;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.session.SessionContext;
import io.wirewrap.sql.session.StatementHandler;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statement handlers standing in for the query engine in protocol tests. They compute what they return:
 * {@code select * from test_rows(n[, delayMs])} streams n generated rows of every supported type, one
 * {@link QueryResult#next()} at a time; {@code select test_echo($1, ...)} returns its bound parameters.
 */
final class TestHandlers {
    private TestHandlers() {}

    static final List<ResultColumn> ROW_COLUMNS = List.of(
            ResultColumn.of("i", 23), ResultColumn.of("label", 25), ResultColumn.of("big", 20),
            ResultColumn.of("f", 701), ResultColumn.of("ts", 1114), ResultColumn.of("tstz", 1184),
            ResultColumn.of("d", 1082), ResultColumn.of("u", 2950), ResultColumn.of("n", 1700),
            ResultColumn.of("b", 16), ResultColumn.of("j", 3802), ResultColumn.of("bytes", 17));

    /** Row i of test_rows: every column derived from i, so tests can check any row. */
    static Object[] row(int i) {
        return new Object[] {i, "row " + i, 10_000_000_000L + i, i + 0.5,
                LocalDateTime.of(2024, 1, 2, 3, 4, 5).plusSeconds(i),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC).plusSeconds(i),
                LocalDate.of(2024, 1, 1).plusDays(i), new UUID(0, i), new BigDecimal("12.34").add(BigDecimal.valueOf(i)),
                i % 2 == 0, "{\"i\": " + i + "}", new byte[] {(byte) i, 1, 2}};
    }

    /** How many rows test_rows has produced in total (to prove streaming stops early). */
    static final AtomicInteger produced = new AtomicInteger();

    static final class RowsHandler implements StatementHandler {
        private static final Pattern P = Pattern.compile("(?i)select \\* from test_rows\\((\\d+)(?:,\\s*(\\d+))?\\)");

        @Override
        public Optional<PreparedQuery> prepare(String sql, int[] types, SessionContext session) {
            Matcher m = P.matcher(sql.strip());
            if (!m.matches()) return Optional.empty();
            int n = Integer.parseInt(m.group(1));
            long delay = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            return Optional.of(new Query(sql, new int[0], ROW_COLUMNS) {
                @Override
                public QueryResult execute(List<Object> parameters, ExecContext ctx) {
                    return new Rows(ROW_COLUMNS) {
                        int next;

                        @Override
                        public Object[] next() {
                            if (next >= n) return null;
                            if (delay > 0) {
                                try {
                                    Thread.sleep(delay);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            ctx.cancel().throwIfCancelled();
                            produced.incrementAndGet();
                            count++;
                            return row(next++);
                        }
                    };
                }
            });
        }
    }

    static final class EchoHandler implements StatementHandler {
        private static final Pattern P = Pattern.compile("(?i)select test_echo\\(([^)]*)\\)");

        @Override
        public Optional<PreparedQuery> prepare(String sql, int[] types, SessionContext session) {
            Matcher m = P.matcher(sql.strip());
            if (!m.matches()) return Optional.empty();
            int n = m.group(1).isBlank() ? 0 : m.group(1).split(",").length;
            int[] paramTypes = Arrays.copyOf(types, n);
            for (int i = 0; i < n; i++) if (paramTypes[i] == 0) paramTypes[i] = 25;
            List<ResultColumn> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) cols.add(ResultColumn.of("p" + (i + 1), paramTypes[i]));
            return Optional.of(new Query(sql, paramTypes, cols) {
                @Override
                public QueryResult execute(List<Object> parameters, ExecContext ctx) {
                    Object[] values = parameters.toArray();
                    return new Rows(cols) {
                        boolean sent;

                        @Override
                        public Object[] next() {
                            if (sent) return null;
                            sent = true;
                            count++;
                            return values;
                        }
                    };
                }
            });
        }
    }

    private abstract static class Query implements PreparedQuery {
        private final String sql;
        private final int[] types;
        private final List<ResultColumn> cols;

        Query(String sql, int[] types, List<ResultColumn> cols) {
            this.sql = sql;
            this.types = types;
            this.cols = cols;
        }

        @Override
        public String sql() {
            return sql;
        }

        @Override
        public int[] parameterTypes() {
            return types;
        }

        @Override
        public List<ResultColumn> describe() {
            return cols;
        }
    }

    private abstract static class Rows implements QueryResult {
        private final List<ResultColumn> cols;
        int count;

        Rows(List<ResultColumn> cols) {
            this.cols = cols;
        }

        @Override
        public Kind kind() {
            return Kind.ROWS;
        }

        @Override
        public List<ResultColumn> columns() {
            return cols;
        }

        @Override
        public String commandTag() {
            return "SELECT " + count;
        }

        @Override
        public void close() {}
    }
}
