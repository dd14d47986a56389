package io.wirewrap.sql.plan;

import java.util.List;

/** A constant in a qual: a literal known at parse time, a parameter bound at each execution, or a bound from now(). */
public sealed interface ValueRef {
    Object value(List<Object> parameters);

    record Literal(Object value) implements ValueRef {
        @Override
        public Object value(List<Object> parameters) {
            return value;
        }
    }

    /** {@code now() - interval '...'} as a lower bound, evaluated at each execution: see {@link RecentTime}. */
    record SinceNow(long backSeconds) implements ValueRef {
        @Override
        public Object value(List<Object> parameters) {
            return RecentTime.bound(backSeconds);
        }
    }

    /** {@code $index}, 1-based as written. */
    record Param(int index) implements ValueRef {
        @Override
        public Object value(List<Object> parameters) {
            if (parameters == null || index > parameters.size()) {
                throw new io.wirewrap.sql.api.SqlError("08P01", "there is no parameter $" + index);
            }
            return parameters.get(index - 1);
        }
    }
}
