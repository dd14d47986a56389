package io.wirewrap.sql.ddl;

import io.wirewrap.sql.ddl.DdlStatement.*;

/** The CommandComplete tag PostgreSQL sends for each statement (CREATE USER reports CREATE ROLE, as in PG). */
final class CommandTags {
    private CommandTags() {}

    static String of(DdlStatement s) {
        return switch (s) {
            case CreateExtension x -> "CREATE EXTENSION";
            case DropExtension x -> "DROP EXTENSION";
            case CreateWrapper x -> "CREATE FOREIGN DATA WRAPPER";
            case AlterWrapper x -> "ALTER FOREIGN DATA WRAPPER";
            case DropWrapper x -> "DROP FOREIGN DATA WRAPPER";
            case CreateServer x -> "CREATE SERVER";
            case AlterServer x -> "ALTER SERVER";
            case DropServer x -> "DROP SERVER";
            case CreateUserMapping x -> "CREATE USER MAPPING";
            case AlterUserMapping x -> "ALTER USER MAPPING";
            case DropUserMapping x -> "DROP USER MAPPING";
            case ImportForeignSchema x -> "IMPORT FOREIGN SCHEMA";
            case CreateSchema x -> "CREATE SCHEMA";
            case DropSchema x -> "DROP SCHEMA";
            case CreateForeignTable x -> "CREATE FOREIGN TABLE";
            case AlterForeignTable x -> "ALTER FOREIGN TABLE";
            case DropForeignTable x -> "DROP FOREIGN TABLE";
            case CommentOn x -> "COMMENT";
            case CreateRole x -> "CREATE ROLE";
            case AlterRole x -> "ALTER ROLE";
            case DropRole x -> "DROP ROLE";
            case Grant x -> x.grant() ? "GRANT" : "REVOKE";
        };
    }
}
