package io.wirewrap.sql.ddl;

import io.wirewrap.sql.catalog.CatalogSnapshot.Builder;
import io.wirewrap.sql.ddl.DdlStatement.*;

/** Dispatches a parsed statement to the transition that applies it to a catalog working copy. */
final class DdlTransitions {
    private DdlTransitions() {}

    static void apply(Builder b, DdlStatement s, DdlContext cx) {
        switch (s) {
            case CreateExtension x -> ServerCommands.createExtension(b, x, cx);
            case DropExtension x -> ServerCommands.dropExtension(b, x, cx);
            case CreateWrapper x -> ServerCommands.createWrapper(b, x, cx);
            case AlterWrapper x -> ServerCommands.alterWrapper(b, x, cx);
            case DropWrapper x -> ServerCommands.dropWrapper(b, x, cx);
            case CreateServer x -> ServerCommands.createServer(b, x, cx);
            case AlterServer x -> ServerCommands.alterServer(b, x, cx);
            case DropServer x -> ServerCommands.dropServer(b, x, cx);
            case CreateUserMapping x -> ServerCommands.createUserMapping(b, x, cx);
            case AlterUserMapping x -> ServerCommands.alterUserMapping(b, x, cx);
            case DropUserMapping x -> ServerCommands.dropUserMapping(b, x, cx);
            case ImportForeignSchema x -> TableCommands.importSchema(b, x, cx);
            case CreateSchema x -> TableCommands.createSchema(b, x, cx);
            case DropSchema x -> TableCommands.dropSchema(b, x, cx);
            case CreateForeignTable x -> TableCommands.createForeignTable(b, x, cx);
            case AlterForeignTable x -> TableCommands.alterForeignTable(b, x, cx);
            case DropForeignTable x -> TableCommands.dropForeignTable(b, x, cx);
            case CommentOn x -> TableCommands.comment(b, x, cx);
            case CreateRole x -> RoleCommands.createRole(b, x, cx);
            case AlterRole x -> RoleCommands.alterRole(b, x, cx);
            case DropRole x -> RoleCommands.dropRole(b, x, cx);
            case Grant x -> RoleCommands.grant(b, x, cx);
        }
    }
}
