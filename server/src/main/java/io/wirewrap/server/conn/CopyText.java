package io.wirewrap.server.conn;

import io.wirewrap.server.protocol.PgTypes;
import io.wirewrap.sql.api.QueryResult.CopyFormat;

/** One COPY TO line in text format (backslash escapes) or CSV (quotes), as PostgreSQL's COPY writes it. */
final class CopyText {
    private CopyText() {}

    static String line(Object[] row, CopyFormat f, PgTypes.Format fmt) {
        var sb = new StringBuilder(64);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) sb.append(f.delimiter());
            Object v = row[i];
            if (v == null) {
                sb.append(f.nullString());
            } else if (f.csv()) {
                csv(sb, PgTypes.text(v, fmt), f);
            } else {
                text(sb, PgTypes.text(v, fmt), f.delimiter());
            }
        }
        return sb.append('\n').toString();
    }

    static String header(java.util.List<String> names, CopyFormat f) {
        var sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(f.delimiter());
            if (f.csv()) csv(sb, names.get(i), f);
            else text(sb, names.get(i), f.delimiter());
        }
        return sb.append('\n').toString();
    }

    private static void text(StringBuilder sb, String s, char delimiter) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append(delimiter == '\t' ? "\\t" : "\t");
                default -> {
                    if (c == delimiter) sb.append('\\');
                    sb.append(c);
                }
            }
        }
    }

    private static void csv(StringBuilder sb, String s, CopyFormat f) {
        boolean quote = s.equals(f.nullString()) || s.indexOf(f.delimiter()) >= 0 || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
}
