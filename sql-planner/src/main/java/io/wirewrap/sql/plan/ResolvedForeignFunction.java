package io.wirewrap.sql.plan;

import io.wirewrap.fdw.FunctionDef;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import java.util.List;

/**
 * A source function found by name in a foreign schema ({@code stripe.invoice_finalize}), bound to the server (and
 * the session user's options) of that schema's foreign tables, so calling it needs only the argument values.
 */
public record ResolvedForeignFunction(String schema, FunctionDef definition, Invoker invoker) {
    /** Calls the source with argument values already converted to the declared argument types. */
    public interface Invoker {
        RowStream call(List<Object> arguments, ScanContext context);
    }

    public RowStream call(List<Object> arguments, ScanContext context) {
        return invoker.call(arguments, context);
    }
}
