package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.fdw.TableDef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny source for catalog tests: handler {@code test_fdw_handler}, two objects, and a validator as strict as
 * a real one (unknown option HV00D, missing object HV00J, unknown object HV024). It never opens tables.
 */
public final class StrictTestSource implements ForeignSource {
    static final Set<String> OBJECTS = Set.of("widgets", "gadgets");

    @Override
    public List<String> handlerNames() {
        return List.of("test_fdw_handler");
    }

    @Override
    public void validateOptions(OptionScope scope, Map<String, String> options) {
        Set<String> allowed = switch (scope) {
            case SERVER, USER_MAPPING -> Set.of("api_key", "api_key_id", "api_key_name", "api_url");
            case FOREIGN_TABLE -> Set.of("object", "rowid_column");
            case COLUMN -> Set.of("field");
            case WRAPPER -> Set.of();
        };
        for (String k : options.keySet()) {
            if (!allowed.contains(k)) throw new FdwException(SqlState.FDW_INVALID_OPTION_NAME, "invalid option \"" + k + "\"");
        }
        if (scope == OptionScope.FOREIGN_TABLE) {
            String object = options.get("object");
            if (object == null) throw new FdwException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "option \"object\" is required");
            if (!OBJECTS.contains(object)) {
                throw new FdwException(SqlState.FDW_INVALID_ATTRIBUTE_VALUE, "unknown object \"" + object + "\"");
            }
        }
    }

    @Override
    public List<TableDef> importSchema(String remoteSchema, SourceOptions server) {
        return List.of(
                new TableDef("widgets", List.of(ColumnDef.of("id", ColumnType.TEXT), ColumnDef.of("size", ColumnType.INT8),
                        ColumnDef.of("attrs", ColumnType.JSONB)), Map.of("object", "widgets", "rowid_column", "id")),
                new TableDef("gadgets", List.of(ColumnDef.of("id", ColumnType.TEXT), ColumnDef.of("created", ColumnType.TIMESTAMP)),
                        Map.of("object", "gadgets")));
    }

    /** How many tables were opened, to check the catalog's caching. */
    final java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public ForeignTable open(TableDef table, SourceOptions server) {
        opens.incrementAndGet();
        return new Opened(table, server);
    }

    /** A table that only remembers what the catalog opened it with; catalog tests never scan. */
    public record Opened(TableDef definition, SourceOptions options) implements ForeignTable {
        @Override
        public io.wirewrap.fdw.ScanPlan plan(io.wirewrap.fdw.ScanRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.wirewrap.fdw.RowStream scan(io.wirewrap.fdw.ScanPlan plan, io.wirewrap.fdw.ScanContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void validate(io.wirewrap.fdw.Modify modify) {}

        @Override
        public io.wirewrap.fdw.RowStream modify(io.wirewrap.fdw.Modify modify, io.wirewrap.fdw.ScanContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
