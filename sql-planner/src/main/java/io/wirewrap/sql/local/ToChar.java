package io.wirewrap.sql.local;

/** Translates PostgreSQL {@code to_char} date/time patterns into DuckDB {@code strftime} formats. */
final class ToChar {
    private ToChar() {}

    // longest tokens first so "YYYY" wins over "YY" and "HH24" over "HH"
    private static final String[][] TOKENS = {
            {"FMMonth", "%B"}, {"FMDay", "%A"}, {"FMDD", "%-d"}, {"FMMM", "%-m"}, {"FMHH24", "%-H"}, {"FMHH12", "%-I"},
            {"YYYY", "%Y"}, {"HH24", "%H"}, {"HH12", "%I"}, {"Month", "%B"}, {"MONTH", "%B"}, {"Mon", "%b"},
            {"MON", "%b"}, {"Day", "%A"}, {"DAY", "%A"}, {"Dy", "%a"}, {"DY", "%a"}, {"YY", "%y"}, {"MM", "%m"},
            {"DD", "%d"}, {"HH", "%I"}, {"MI", "%M"}, {"SS", "%S"}, {"MS", "%g"}, {"US", "%f"}, {"AM", "%p"},
            {"PM", "%p"}, {"TZ", "%Z"}, {"DDD", "%j"}, {"D", "%w"}, {"Q", "%q"},
    };

    static String toStrftime(String pg) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < pg.length()) {
            if (pg.charAt(i) == '"') {
                int end = pg.indexOf('"', i + 1);
                if (end < 0) end = pg.length();
                out.append(pg, i + 1, end);
                i = end + 1;
                continue;
            }
            for (String[] t : TOKENS) {
                if (pg.startsWith(t[0], i)) {
                    out.append(t[1]);
                    i += t[0].length();
                    continue outer;
                }
            }
            char c = pg.charAt(i++);
            out.append(c == '%' ? "%%" : String.valueOf(c));
        }
        return out.toString();
    }
}
