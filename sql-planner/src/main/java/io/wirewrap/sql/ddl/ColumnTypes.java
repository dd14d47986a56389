package io.wirewrap.sql.ddl;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.sql.api.SqlError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves a declared column type to a {@link ColumnType} and PostgreSQL's atttypmod for it. */
final class ColumnTypes {
    private static final Pattern MODIFIERS = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private ColumnTypes() {}

    record Resolved(ColumnType type, int typmod) {}

    static Resolved resolve(String written, int position) {
        if (written.contains("[")) {
            throw new SqlError("0A000", "array column types are not supported for foreign tables: " + written, null,
                    "Use jsonb for list-valued fields.", position, null);
        }
        ColumnType type = ColumnType.fromSql(written)
                .orElseThrow(() -> new SqlError("42704", "type \"" + written + "\" does not exist", null, null, position, null));
        Matcher m = MODIFIERS.matcher(written);
        int typmod = -1;
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            Integer b = m.group(2) == null ? null : Integer.parseInt(m.group(2));
            typmod = switch (type) {
                // varlena types carry the 4-byte header in their typmod, as PostgreSQL does
                case VARCHAR -> a + 4;
                case NUMERIC -> ((a << 16) | (b == null ? 0 : b)) + 4;
                case TIMESTAMP, TIMESTAMPTZ -> a;
                default -> -1;
            };
        }
        return new Resolved(type, typmod);
    }
}
