package io.wirewrap.sql.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered list of statement handlers a session tries. Each package registers its handler once at engine
 * start; order matters (session commands, then DDL and vault, then queries, which take what is left).
 */
public final class StatementHandlers {
    private final List<StatementHandler> handlers = new ArrayList<>();

    public StatementHandlers add(StatementHandler handler) {
        handlers.add(handler);
        return this;
    }

    public List<StatementHandler> all() {
        return List.copyOf(handlers);
    }
}
