package io.wirewrap.sql.api;

import java.util.List;

/** A statement that wraps another to add behaviour around {@link #execute}; text, parameters and columns are the inner one's. */
public abstract class ForwardingPreparedQuery implements PreparedQuery {
    protected final PreparedQuery inner;

    protected ForwardingPreparedQuery(PreparedQuery inner) {
        this.inner = inner;
    }

    @Override
    public String sql() {
        return inner.sql();
    }

    @Override
    public int[] parameterTypes() {
        return inner.parameterTypes();
    }

    @Override
    public List<ResultColumn> describe() {
        return inner.describe();
    }

    @Override
    public boolean batchable() {
        return inner.batchable();
    }
}
