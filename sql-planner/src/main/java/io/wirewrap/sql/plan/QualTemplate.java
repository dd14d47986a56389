package io.wirewrap.sql.plan;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.CompareOp;
import io.wirewrap.fdw.Qual;
import java.util.ArrayList;
import java.util.List;

/**
 * A qual found in the statement, before parameters are bound: the shape of a {@link Qual} whose constants may
 * still be {@code $n}. {@link #bind} produces the qual a source sees at one execution.
 */
public sealed interface QualTemplate {
    String column();

    /** The text shown in EXPLAIN. */
    String display();

    Qual bind(List<Object> parameters, ColumnType type);

    record Compare(String column, CompareOp op, ValueRef value, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            return new Qual.Compare(column, op, Values.coerce(value.value(p), type));
        }
    }

    /** {@code in (...)}; {@code arrayParam} true for {@code = any($n)} whose single value is a list or array. */
    record In(String column, List<ValueRef> values, boolean arrayParam, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            List<Object> out = new ArrayList<>();
            for (ValueRef v : values) {
                Object raw = v.value(p);
                if (arrayParam) {
                    for (Object el : elements(raw)) out.add(Values.coerce(el, type));
                } else {
                    out.add(Values.coerce(raw, type));
                }
            }
            return new Qual.In(column, out);
        }

        private static List<Object> elements(Object raw) {
            if (raw == null) return List.of();
            if (raw instanceof List<?> l) return new ArrayList<>(l);
            if (raw instanceof Object[] a) return List.of(a);
            String s = raw.toString().trim();
            if (s.startsWith("{") && s.endsWith("}")) return new ArrayList<>(PgLexer.pathElements(s));
            return List.of(s);
        }
    }

    /**
     * A boolean column alone ({@code where active}, {@code where not active}): {@code active = true/false}. Only a
     * {@code boolean} column is one; on any other column the statement itself fails, so nothing is pushed (a NULL
     * value keeps the qual local).
     */
    record Truth(String column, boolean expected, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            return new Qual.Compare(column, CompareOp.EQ, type == ColumnType.BOOL ? expected : null);
        }
    }

    record IsNull(String column, boolean negated, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            return new Qual.IsNull(column, negated);
        }
    }

    record Like(String column, ValueRef pattern, boolean caseInsensitive, boolean negated, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            Object v = pattern.value(p);
            return new Qual.Like(column, v == null ? null : v.toString(), caseInsensitive, negated);
        }
    }

    record JsonPathEquals(String column, List<String> path, ValueRef value, String display) implements QualTemplate {
        @Override
        public Qual bind(List<Object> p, ColumnType type) {
            Object v = value.value(p);
            return new Qual.JsonPathEquals(column, path, v == null ? null : v.toString());
        }
    }
}
