package io.wirewrap.sql.local;

/** PostgreSQL text forms for values that have no Java type in the column-type contract (arrays, intervals). */
public final class PgText {
    private PgText() {}

    /** {@code {1,2,"a b",NULL}} as PostgreSQL's array_out prints it. */
    public static String array(Object[] values, int elementOid) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            Object v = values[i];
            if (v == null) {
                b.append("NULL");
                continue;
            }
            Object pg = DuckTypes.toPg(v, elementOid);
            String s = switch (pg) {
                case Boolean x -> x ? "t" : "f";
                case java.time.OffsetDateTime o -> o.toLocalDateTime().toString().replace('T', ' ') + "+00";
                case java.time.LocalDateTime t -> t.toString().replace('T', ' ');
                default -> pg.toString();
            };
            boolean quote = s.isEmpty() || s.equalsIgnoreCase("null")
                    || s.chars().anyMatch(c -> c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || Character.isWhitespace(c));
            if (quote) {
                b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.append('}').toString();
    }

    /** DuckDB prints {@code 1 day 02:00:00} like PostgreSQL already; only the plural forms differ. */
    public static String interval(String duck) {
        return duck;
    }
}
