package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.ForeignSource;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The foreign sources on the class path ({@code META-INF/services/io.wirewrap.fdw.ForeignSource}), looked up by
 * the handler name a {@code CREATE FOREIGN DATA WRAPPER ... HANDLER h} names. A validator name is accepted when
 * it is a source's handler name with {@code _handler} replaced by {@code _validator}, which is the convention
 * the Supabase wrappers follow ({@code stripe_fdw_handler}/{@code stripe_fdw_validator}).
 */
public final class ForeignSources {
    private final List<ForeignSource> sources;

    public ForeignSources(List<ForeignSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static ForeignSources fromClassPath() {
        return new ForeignSources(ServiceLoader.load(ForeignSource.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public List<ForeignSource> all() {
        return sources;
    }

    public Optional<ForeignSource> byHandler(String handler) {
        if (handler == null) return Optional.empty();
        for (ForeignSource s : sources) if (s.handlerNames().contains(handler)) return Optional.of(s);
        return Optional.empty();
    }

    public Optional<ForeignSource> byValidator(String validator) {
        if (validator == null || !validator.endsWith("_validator")) return Optional.empty();
        return byHandler(validator.substring(0, validator.length() - "_validator".length()) + "_handler");
    }
}
