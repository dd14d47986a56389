package io.wirewrap.sql.ddl;

import static io.wirewrap.sql.ddl.DdlContext.undefined;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignSource;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.fdw.SourceOptions;
import io.wirewrap.fdw.TableDef;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.catalog.CatalogSnapshot.Builder;
import io.wirewrap.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Transitions for schemas, foreign tables (create, alter, drop, import) and comments. */
final class TableCommands {
    /** Schemas that exist without being in the catalog; objects cannot be created in them. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "vault", "pg_toast");

    private TableCommands() {}

    static void createSchema(Builder b, CreateSchema s, DdlContext cx) {
        if (SYSTEM_SCHEMAS.contains(s.name()) || b.schemas.stream().anyMatch(x -> x.name().equals(s.name()))) {
            if (s.ifNotExists()) {
                cx.notice("42P06", "schema \"" + s.name() + "\" already exists, skipping");
                return;
            }
            throw new SqlError("42P06", "schema \"" + s.name() + "\" already exists");
        }
        if (s.name().startsWith("pg_")) {
            throw new SqlError("42939", "unacceptable schema name \"" + s.name() + "\"", "The prefix \"pg_\" is reserved for system schemas.", null, 0, null);
        }
        String owner = s.authorization() == null ? cx.actor().user() : cx.actor().roleName(s.authorization());
        if (!owner.equals(cx.actor().user()) && b.roles.stream().noneMatch(r -> r.name().equals(owner))) throw undefined("role \"" + owner + "\"");
        b.schemas.add(new Schema(b.newOid(), s.name(), owner));
    }

    static void dropSchema(Builder b, DropSchema s, DdlContext cx) {
        for (String name : s.names()) {
            if (SYSTEM_SCHEMAS.contains(name)) {
                throw new SqlError("2BP01", "cannot drop schema " + name + " because it is required by the database system");
            }
            Optional<Schema> schema = b.schemas.stream().filter(x -> x.name().equals(name)).findFirst();
            if (schema.isEmpty()) {
                if (s.ifExists()) {
                    cx.notice("00000", "schema \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlError("3F000", "schema \"" + name + "\" does not exist");
            }
            requireOwner(schema.get().owner(), "schema " + name, cx);
            List<ForeignTable> inside = b.tables.stream().filter(t -> t.schema().equals(name)).toList();
            if (!inside.isEmpty() && !s.cascade()) {
                throw ServerCommands.dependents("schema " + name,
                        inside.stream().map(t -> "foreign table " + t.qualifiedName() + " depends on schema " + name).toList());
            }
            if (!inside.isEmpty()) cx.notice("00000", "drop cascades to " + inside.size() + " other object" + (inside.size() == 1 ? "" : "s"));
            for (ForeignTable t : inside) removeTable(b, t);
            b.comments.removeIf(c -> c.classCatalog().equals("pg_namespace") && c.objectOid() == schema.get().oid());
            b.extensions.removeIf(e -> e.schema().equals(name));
            b.schemas.removeIf(x -> x.name().equals(name));
        }
    }

    static void createForeignTable(Builder b, CreateForeignTable s, DdlContext cx) {
        String schema = schemaFor(b, s.name(), cx);
        if (exists(b, schema, s.name().name())) {
            if (s.ifNotExists()) {
                cx.notice("42P07", "relation \"" + s.name().name() + "\" already exists, skipping");
                return;
            }
            throw new SqlError("42P07", "relation \"" + s.name().name() + "\" already exists");
        }
        Server server = b.servers.stream().filter(x -> x.name().equals(s.server())).findFirst()
                .orElseThrow(() -> undefined("server \"" + s.server() + "\""));
        cx.requireServerUsage(b, server);
        List<Column> columns = new ArrayList<>();
        int attnum = 1;
        for (ColumnSpec spec : s.columns()) {
            if (columns.stream().anyMatch(c -> c.name().equals(spec.name()))) {
                throw new SqlError("42701", "column \"" + spec.name() + "\" specified more than once", null, null, spec.position(), null);
            }
            columns.add(column(attnum++, spec));
        }
        Map<String, String> options = OptionLists.of(s.options());
        ForeignTable table = new ForeignTable(b.newOid(), schema, s.name().name(), server.name(), columns, options,
                cx.actor().user(), attnum);
        validateTable(b, server, table, cx);
        b.tables.add(table);
    }

    private static Column column(int attnum, ColumnSpec spec) {
        ColumnTypes.Resolved t = ColumnTypes.resolve(spec.typeName(), spec.position());
        return new Column(attnum, spec.name(), t.type(), t.typmod(), spec.notNull(), OptionLists.of(spec.options()));
    }

    private static void validateTable(Builder b, Server server, ForeignTable table, DdlContext cx) {
        Optional<ForeignSource> source = cx.sourceOfServer(b, server);
        Wrapper w = b.wrappers.stream().filter(x -> x.name().equals(server.wrapper())).findFirst().orElse(null);
        cx.validate(source, w, OptionScope.FOREIGN_TABLE, table.options());
        for (Column c : table.columns()) {
            if (!c.options().isEmpty()) cx.validate(source, w, OptionScope.COLUMN, c.options());
        }
        String rowid = table.options().get("rowid_column");
        if (rowid != null && table.column(rowid) == null) {
            throw new SqlError("HV005", "rowid_column \"" + rowid + "\" is not a column of foreign table " + table.name());
        }
    }

    static void alterForeignTable(Builder b, AlterForeignTable s, DdlContext cx) {
        Optional<ForeignTable> found = findTable(b, s.name(), cx);
        if (found.isEmpty()) {
            if (s.ifExists()) {
                cx.notice("00000", "relation \"" + s.name() + "\" does not exist, skipping");
                return;
            }
            throw new SqlError("42P01", "relation \"" + s.name() + "\" does not exist");
        }
        ForeignTable t = found.get();
        requireOwner(t.owner(), "foreign table " + t.name(), cx);
        List<Column> columns = new ArrayList<>(t.columns());
        Map<String, String> options = t.options();
        String name = t.name();
        int next = t.nextAttnum();
        List<Comment> comments = b.comments;
        for (TableAction a : s.actions()) {
            switch (a) {
                case AddColumn add -> {
                    if (columns.stream().anyMatch(c -> c.name().equals(add.column().name()))) {
                        if (add.ifNotExists()) {
                            cx.notice("42701", "column \"" + add.column().name() + "\" of relation \"" + name + "\" already exists, skipping");
                            continue;
                        }
                        throw new SqlError("42701", "column \"" + add.column().name() + "\" of relation \"" + name + "\" already exists");
                    }
                    columns.add(column(next++, add.column()));
                }
                case DropColumn drop -> {
                    Column c = columns.stream().filter(x -> x.name().equals(drop.name())).findFirst().orElse(null);
                    if (c == null) {
                        if (drop.ifExists()) {
                            cx.notice("00000", "column \"" + drop.name() + "\" of relation \"" + name + "\" does not exist, skipping");
                            continue;
                        }
                        throw new SqlError("42703", "column \"" + drop.name() + "\" of relation \"" + name + "\" does not exist");
                    }
                    columns.remove(c);
                    comments.removeIf(x -> x.classCatalog().equals("pg_class") && x.objectOid() == t.oid() && x.subId() == c.attnum());
                }
                case AlterColumnOptions alter -> {
                    int i = indexOf(columns, alter.column(), name);
                    Column c = columns.get(i);
                    columns.set(i, new Column(c.attnum(), c.name(), c.type(), c.typmod(), c.notNull(),
                            OptionLists.alter(c.options(), alter.options())));
                }
                case AlterTableOptions alter -> options = OptionLists.alter(options, alter.options());
                case RenameTable rename -> {
                    if (exists(b, t.schema(), rename.newName())) throw new SqlError("42P07", "relation \"" + rename.newName() + "\" already exists");
                    name = rename.newName();
                }
                case RenameColumn rename -> {
                    int i = indexOf(columns, rename.column(), name);
                    if (columns.stream().anyMatch(x -> x.name().equals(rename.newName()))) {
                        throw new SqlError("42701", "column \"" + rename.newName() + "\" of relation \"" + name + "\" already exists");
                    }
                    Column c = columns.get(i);
                    columns.set(i, new Column(c.attnum(), rename.newName(), c.type(), c.typmod(), c.notNull(), c.options()));
                }
            }
        }
        ForeignTable changed = new ForeignTable(t.oid(), t.schema(), name, t.server(), columns, options, t.owner(), next);
        Server server = b.servers.stream().filter(x -> x.name().equals(t.server())).findFirst().orElseThrow();
        validateTable(b, server, changed, cx);
        b.replace(b.tables, x -> x.oid() == t.oid(), changed);
    }

    private static int indexOf(List<Column> columns, String column, String table) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(column)) return i;
        throw new SqlError("42703", "column \"" + column + "\" of relation \"" + table + "\" does not exist");
    }

    static void dropForeignTable(Builder b, DropForeignTable s, DdlContext cx) {
        for (QualifiedName n : s.names()) {
            Optional<ForeignTable> t = findTable(b, n, cx);
            if (t.isEmpty()) {
                if (s.ifExists()) {
                    cx.notice("00000", "foreign table \"" + n + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlError("42P01", "foreign table \"" + n + "\" does not exist");
            }
            requireOwner(t.get().owner(), "foreign table " + t.get().name(), cx);
            removeTable(b, t.get());
        }
    }

    private static void removeTable(Builder b, ForeignTable t) {
        b.tables.removeIf(x -> x.oid() == t.oid());
        b.comments.removeIf(c -> c.classCatalog().equals("pg_class") && c.objectOid() == t.oid());
        b.grants.removeIf(g -> "table".equals(g.objectKind()) && g.object().equals(t.qualifiedName()));
    }

    /** IMPORT FOREIGN SCHEMA: the source proposes tables (no remote call); LIMIT TO/EXCEPT filter by name. */
    static int importSchema(Builder b, ImportForeignSchema s, DdlContext cx) {
        Server server = b.servers.stream().filter(x -> x.name().equals(s.server())).findFirst()
                .orElseThrow(() -> undefined("server \"" + s.server() + "\""));
        cx.requireServerUsage(b, server);
        if (b.schemas.stream().noneMatch(x -> x.name().equals(s.localSchema()))) {
            throw new SqlError("3F000", "schema \"" + s.localSchema() + "\" does not exist");
        }
        ForeignSource source = cx.sourceOfServer(b, server).orElseThrow(() -> new SqlError("HV00P",
                "foreign-data wrapper \"" + server.wrapper() + "\" does not support IMPORT FOREIGN SCHEMA"));
        Map<String, String> serverOptions = new LinkedHashMap<>(server.options());
        serverOptions.putAll(OptionLists.of(s.options()));
        List<TableDef> defs;
        try {
            defs = source.importSchema(s.remoteSchema(), new SourceOptions(serverOptions));
        } catch (SqlError e) {
            throw e;
        } catch (FdwException e) {
            throw new SqlError(e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, e);
        }
        int created = 0;
        for (TableDef def : defs) {
            boolean listed = s.tables().contains(def.name());
            if (s.filter() == ImportFilter.LIMIT_TO && !listed) continue;
            if (s.filter() == ImportFilter.EXCEPT && listed) continue;
            if (exists(b, s.localSchema(), def.name())) {
                throw new SqlError("42P07", "relation \"" + def.name() + "\" already exists");
            }
            List<Column> columns = new ArrayList<>();
            int attnum = 1;
            for (ColumnDef c : def.columns()) columns.add(new Column(attnum++, c.name(), c.type(), -1, c.notNull(), Map.of()));
            ForeignTable t = new ForeignTable(b.newOid(), s.localSchema(), def.name(), server.name(), columns,
                    new LinkedHashMap<>(def.options()), cx.actor().user(), attnum);
            validateTable(b, server, t, cx);
            b.tables.add(t);
            created++;
        }
        return created;
    }

    static void comment(Builder b, CommentOn s, DdlContext cx) {
        List<String> n = s.name();
        String catalog;
        int oid;
        int sub = 0;
        switch (s.target()) {
            case FOREIGN_TABLE, COLUMN -> {
                QualifiedName qn = s.target() == CommentTarget.COLUMN
                        ? (n.size() == 3 ? new QualifiedName(n.get(0), n.get(1)) : new QualifiedName(null, n.get(0)))
                        : (n.size() == 2 ? new QualifiedName(n.get(0), n.get(1)) : new QualifiedName(null, n.get(0)));
                ForeignTable t = findTable(b, qn, cx).orElseThrow(() -> new SqlError("42P01", "relation \"" + qn + "\" does not exist"));
                requireOwner(t.owner(), "relation " + t.name(), cx);
                catalog = "pg_class";
                oid = t.oid();
                if (s.target() == CommentTarget.COLUMN) {
                    String col = n.get(n.size() - 1);
                    Column c = t.column(col);
                    if (c == null) throw new SqlError("42703", "column \"" + col + "\" of relation \"" + t.name() + "\" does not exist");
                    sub = c.attnum();
                }
            }
            case SERVER -> {
                Server srv = b.servers.stream().filter(x -> x.name().equals(n.get(0))).findFirst()
                        .orElseThrow(() -> undefined("server \"" + n.get(0) + "\""));
                requireOwner(srv.owner(), "foreign server " + srv.name(), cx);
                catalog = "pg_foreign_server";
                oid = srv.oid();
            }
            case SCHEMA -> {
                Schema sc = b.schemas.stream().filter(x -> x.name().equals(n.get(0))).findFirst()
                        .orElseThrow(() -> new SqlError("3F000", "schema \"" + n.get(0) + "\" does not exist"));
                requireOwner(sc.owner(), "schema " + sc.name(), cx);
                catalog = "pg_namespace";
                oid = sc.oid();
            }
            case FOREIGN_DATA_WRAPPER -> {
                Wrapper w = b.wrappers.stream().filter(x -> x.name().equals(n.get(0))).findFirst()
                        .orElseThrow(() -> undefined("foreign-data wrapper \"" + n.get(0) + "\""));
                requireOwner(w.owner(), "foreign-data wrapper " + w.name(), cx);
                catalog = "pg_foreign_data_wrapper";
                oid = w.oid();
            }
            case EXTENSION -> {
                Extension e = b.extensions.stream().filter(x -> x.name().equals(n.get(0))).findFirst()
                        .orElseThrow(() -> undefined("extension \"" + n.get(0) + "\""));
                requireOwner(e.owner(), "extension " + e.name(), cx);
                catalog = "pg_extension";
                oid = e.oid();
            }
            case ROLE -> {
                Role r = b.roles.stream().filter(x -> x.name().equals(n.get(0))).findFirst()
                        .orElseThrow(() -> undefined("role \"" + n.get(0) + "\""));
                cx.requireSuperuser("must have CREATEROLE privilege", null);
                catalog = "pg_authid";
                oid = r.oid();
            }
            default -> throw new IllegalStateException();
        }
        final int o = oid;
        final int su = sub;
        final String cat = catalog;
        b.comments.removeIf(c -> c.classCatalog().equals(cat) && c.objectOid() == o && c.subId() == su);
        if (s.text() != null && !s.text().isEmpty()) b.comments.add(new Comment(cat, o, su, s.text()));
    }

    private static void requireOwner(String owner, String object, DdlContext cx) {
        if (!cx.actor().superuser() && !cx.actor().user().equals(owner)) {
            throw new SqlError("42501", "must be owner of " + object);
        }
    }

    private static boolean exists(Builder b, String schema, String name) {
        return b.tables.stream().anyMatch(t -> t.schema().equals(schema) && t.name().equals(name));
    }

    /** The schema a new table goes to: the written one (must exist), or the first existing one on the path. */
    private static String schemaFor(Builder b, QualifiedName n, DdlContext cx) {
        if (n.schema() != null) {
            if (SYSTEM_SCHEMAS.contains(n.schema())) {
                throw new SqlError("42501", "permission denied to create \"" + n + "\"", "System catalog modifications are currently disallowed.", null, 0, null);
            }
            if (b.schemas.stream().noneMatch(x -> x.name().equals(n.schema()))) {
                throw new SqlError("3F000", "schema \"" + n.schema() + "\" does not exist");
            }
            return n.schema();
        }
        return cx.actor().searchPath().stream().filter(p -> b.schemas.stream().anyMatch(x -> x.name().equals(p))).findFirst()
                .orElseThrow(() -> new SqlError("3F000", "no schema has been selected to create in"));
    }

    static Optional<ForeignTable> findTable(Builder b, QualifiedName n, DdlContext cx) {
        if (n.schema() != null) {
            return b.tables.stream().filter(t -> t.schema().equals(n.schema()) && t.name().equals(n.name())).findFirst();
        }
        for (String schema : cx.actor().searchPath()) {
            Optional<ForeignTable> t = b.tables.stream().filter(x -> x.schema().equals(schema) && x.name().equals(n.name())).findFirst();
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }
}
