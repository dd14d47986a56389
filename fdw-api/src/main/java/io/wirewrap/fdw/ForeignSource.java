package io.wirewrap.fdw;

import java.util.List;
import java.util.Map;

/**
 * A kind of remote system (Stripe, ...), found through {@link java.util.ServiceLoader}. The catalog binds a
 * {@code CREATE FOREIGN DATA WRAPPER ... HANDLER h} to the source whose {@link #handlerNames()} contains h.
 */
public interface ForeignSource {
    /** Handler function names this source answers to, e.g. {@code stripe_fdw_handler}. */
    List<String> handlerNames();

    /**
     * Validates an option list at DDL time like a PostgreSQL FDW validator: unknown option, bad value,
     * unknown {@code object}. Throws {@link FdwException} ({@code HV00D}, {@code HV024}, ...).
     */
    void validateOptions(OptionScope scope, Map<String, String> options);

    /** The tables {@code IMPORT FOREIGN SCHEMA remoteSchema} creates. Must not call the remote system. */
    List<TableDef> importSchema(String remoteSchema, SourceOptions server);

    /** Opens a declared table for planning and scanning; validates column types against the object. */
    ForeignTable open(TableDef table, SourceOptions server);

    /** Functions (actions) this source offers in a foreign schema. */
    default List<FunctionDef> functions() {
        return List.of();
    }

    /** Calls one of {@link #functions()}; arguments converted to the declared argument types. */
    default RowStream call(String function, List<Object> arguments, SourceOptions server, ScanContext context) {
        throw new FdwException(SqlState.UNDEFINED_OBJECT, "function " + function + " does not exist");
    }
}
