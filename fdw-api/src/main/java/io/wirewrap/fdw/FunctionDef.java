package io.wirewrap.fdw;

import java.util.List;

/**
 * A set-returning function a source offers in the foreign schema (e.g. {@code invoice_finalize(id text)}),
 * returning rows shaped like {@code resultColumns}. {@code privileged} functions are for superuser-like roles.
 */
public record FunctionDef(String name, List<ColumnDef> arguments, List<ColumnDef> resultColumns, boolean privileged,
                          String description) {
    public FunctionDef {
        arguments = List.copyOf(arguments);
        resultColumns = List.copyOf(resultColumns);
    }
}
