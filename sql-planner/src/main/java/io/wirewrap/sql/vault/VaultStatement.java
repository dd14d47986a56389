package io.wirewrap.sql.vault;

import java.util.List;
import java.util.Map;

/** The vault SQL wirewrap runs itself (it writes encrypted secrets, which the query engine cannot). */
public sealed interface VaultStatement {
    /** A value in the statement: a literal (null for SQL NULL) or a {@code $n} parameter (1-based). */
    sealed interface Value {}

    record Literal(String value) implements Value {}

    record Param(int index) implements Value {}

    /** {@code column = value} conditions joined by AND; empty means every row. */
    record Condition(String column, Value value) {}

    record Insert(List<String> columns, List<List<Value>> rows, List<String> returning) implements VaultStatement {}

    record Update(Map<String, Value> assignments, List<Condition> where, List<String> returning) implements VaultStatement {}

    record Delete(List<Condition> where, List<String> returning) implements VaultStatement {}

    /** {@code select vault.create_secret(...)} or {@code vault.update_secret(...)}; {@code label} is the column name. */
    record Call(String function, List<Value> arguments, String label) implements VaultStatement {}
}
