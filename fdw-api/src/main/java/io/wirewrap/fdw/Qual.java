package io.wirewrap.fdw;

import java.util.List;

/**
 * A restriction the planner offers to a source, always on one column of the scanned table and a constant
 * (literal or bound parameter, already converted to the column's Java type, see {@link ColumnType}).
 * The planner ANDs all quals of a {@link ScanRequest}; OR-trees it cannot express stay local.
 */
public sealed interface Qual {
    String column();

    /** {@code column op value}. */
    record Compare(String column, CompareOp op, Object value) implements Qual {}

    /** {@code column IN (v1, v2, ...)} or {@code column = ANY($1)}; also how a dependent join hands a key batch. */
    record In(String column, List<Object> values) implements Qual {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(String column, boolean negated) implements Qual {}

    /** {@code column [NOT] [I]LIKE pattern}, pattern in SQL LIKE syntax. */
    record Like(String column, String pattern, boolean caseInsensitive, boolean negated) implements Qual {}

    /**
     * Equality on a path inside a JSON column: {@code attrs->'metadata'->>'plan' = 'pro'} is
     * {@code JsonPathEquals("attrs", ["metadata", "plan"], "pro")}. The value is compared as text.
     */
    record JsonPathEquals(String column, List<String> path, String value) implements Qual {
        public JsonPathEquals {
            path = List.copyOf(path);
        }
    }
}
