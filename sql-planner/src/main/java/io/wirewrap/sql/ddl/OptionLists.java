package io.wirewrap.sql.ddl;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.ddl.DdlStatement.Option;
import io.wirewrap.sql.ddl.DdlStatement.OptionAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OPTIONS lists to maps, with PostgreSQL's errors for repeated, missing or already present options. */
final class OptionLists {
    private OptionLists() {}

    static Map<String, String> of(List<Option> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Option o : options) {
            if (out.put(o.key(), o.value()) != null) throw provided(o.key());
        }
        return out;
    }

    static Map<String, String> alter(Map<String, String> current, List<OptionAction> actions) {
        Map<String, String> out = new LinkedHashMap<>(current);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OptionAction a : actions) {
            if (!seen.add(a.key())) throw provided(a.key());
            switch (a.action()) {
                case ADD -> {
                    if (out.containsKey(a.key())) throw provided(a.key());
                    out.put(a.key(), a.value());
                }
                case SET -> {
                    if (!out.containsKey(a.key())) throw notFound(a.key());
                    out.put(a.key(), a.value());
                }
                case DROP -> {
                    if (out.remove(a.key()) == null) throw notFound(a.key());
                }
            }
        }
        return out;
    }

    private static SqlError provided(String key) {
        return new SqlError("42710", "option \"" + key + "\" provided more than once");
    }

    private static SqlError notFound(String key) {
        return new SqlError("42704", "option \"" + key + "\" not found");
    }
}
