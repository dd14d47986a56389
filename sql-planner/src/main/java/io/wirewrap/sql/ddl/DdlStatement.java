package io.wirewrap.sql.ddl;

import java.util.List;

/**
 * The statements the hand parser understands: FDW, server, user mapping, schema, foreign table, comment, role
 * and privilege DDL. Names are already case-folded as PostgreSQL folds them. Option lists keep their order.
 */
public sealed interface DdlStatement {

    /** {@code key 'value'} in an OPTIONS list. */
    record Option(String key, String value) {}

    /** One item of {@code OPTIONS (SET k 'v', ADD k 'v', DROP k)} in ALTER; a bare {@code k 'v'} means ADD. */
    record OptionAction(Action action, String key, String value) {
        public enum Action { ADD, SET, DROP }
    }

    /** {@code schema.name}; schema null when written unqualified. */
    record QualifiedName(String schema, String name) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** A column as declared: {@code typeName} as written (normalised spaces), resolved later by the catalog. */
    record ColumnSpec(String name, String typeName, boolean notNull, List<Option> options, int position) {
        public ColumnSpec {
            options = List.copyOf(options);
        }
    }

    /** Role attributes; null means "not mentioned". {@code password} is present only when PASSWORD was written. */
    record RoleAttributes(Boolean login, Boolean superuser, Boolean createdb, Boolean createrole, Boolean inherit,
                          Boolean replication, Boolean bypassrls, Integer connectionLimit, boolean passwordGiven,
                          String password, String validUntil, List<String> inRoles) {
        public RoleAttributes {
            inRoles = List.copyOf(inRoles);
        }
    }

    record CreateExtension(String name, boolean ifNotExists, String schema, String version, boolean cascade)
            implements DdlStatement {}

    record DropExtension(List<String> names, boolean ifExists, boolean cascade) implements DdlStatement {}

    record CreateWrapper(String name, String handler, String validator, List<Option> options) implements DdlStatement {}

    record AlterWrapper(String name, String handler, String validator, List<OptionAction> options) implements DdlStatement {}

    record DropWrapper(List<String> names, boolean ifExists, boolean cascade) implements DdlStatement {}

    record CreateServer(String name, boolean ifNotExists, String type, String version, String wrapper, List<Option> options)
            implements DdlStatement {}

    record AlterServer(String name, String version, List<OptionAction> options, String newOwner, String renameTo)
            implements DdlStatement {}

    record DropServer(List<String> names, boolean ifExists, boolean cascade) implements DdlStatement {}

    /** {@code role} is a role name, {@code current_user}, or {@code public}. */
    record CreateUserMapping(String role, boolean ifNotExists, String server, List<Option> options) implements DdlStatement {}

    record AlterUserMapping(String role, String server, List<OptionAction> options) implements DdlStatement {}

    record DropUserMapping(String role, boolean ifExists, String server) implements DdlStatement {}

    enum ImportFilter { ALL, LIMIT_TO, EXCEPT }

    record ImportForeignSchema(String remoteSchema, ImportFilter filter, List<String> tables, String server,
                               String localSchema, List<Option> options) implements DdlStatement {}

    record CreateSchema(String name, boolean ifNotExists, String authorization) implements DdlStatement {}

    record DropSchema(List<String> names, boolean ifExists, boolean cascade) implements DdlStatement {}

    record CreateForeignTable(QualifiedName name, boolean ifNotExists, List<ColumnSpec> columns, String server,
                              List<Option> options) implements DdlStatement {}

    /** The actions of one ALTER FOREIGN TABLE, applied together or not at all. */
    sealed interface TableAction {}

    record AddColumn(ColumnSpec column, boolean ifNotExists) implements TableAction {}

    record DropColumn(String name, boolean ifExists) implements TableAction {}

    record AlterColumnOptions(String column, List<OptionAction> options) implements TableAction {}

    record AlterTableOptions(List<OptionAction> options) implements TableAction {}

    record RenameTable(String newName) implements TableAction {}

    record RenameColumn(String column, String newName) implements TableAction {}

    record AlterForeignTable(QualifiedName name, boolean ifExists, List<TableAction> actions) implements DdlStatement {}

    record DropForeignTable(List<QualifiedName> names, boolean ifExists, boolean cascade) implements DdlStatement {}

    enum CommentTarget { FOREIGN_TABLE, COLUMN, SERVER, SCHEMA, FOREIGN_DATA_WRAPPER, EXTENSION, ROLE }

    /** {@code name}: the object's name parts ({@code schema.table.column} for COLUMN); text null removes. */
    record CommentOn(CommentTarget target, List<String> name, String text) implements DdlStatement {}

    record CreateRole(String name, boolean ifNotExists, RoleAttributes attributes) implements DdlStatement {}

    record AlterRole(String name, RoleAttributes attributes, String renameTo) implements DdlStatement {}

    record DropRole(List<String> names, boolean ifExists) implements DdlStatement {}

    /**
     * GRANT/REVOKE of privileges on objects ({@code objectKind} e.g. {@code foreign server}, {@code table},
     * {@code schema}, {@code all tables in schema}) or of role membership ({@code objectKind} null, privileges
     * are role names).
     */
    record Grant(boolean grant, List<String> privileges, String objectKind, List<String> objects, List<String> grantees,
                 boolean withGrantOption) implements DdlStatement {}
}
