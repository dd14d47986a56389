package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The information_schema views about schemas, tables, columns and SQL/MED objects. Domains
 * ({@code sql_identifier}, {@code character_data}, {@code yes_or_no}, {@code cardinal_number}) are reported as
 * their base types. Rows are limited to objects the session may use, as PostgreSQL's views are.
 */
final class InformationSchemaTables {
    private InformationSchemaTables() {}

    static void register(Map<String, RelationDef> out, Function<SessionContext, CatalogView> views) {
        def(out, views, "schemata", "catalog_name name, schema_name name, schema_owner name, default_character_set_catalog name, "
                + "default_character_set_schema name, default_character_set_name name, sql_path varchar", InformationSchemaTables::schemata);
        def(out, views, "tables", "table_catalog name, table_schema name, table_name name, table_type varchar, "
                + "self_referencing_column_name name, reference_generation varchar, user_defined_type_catalog name, "
                + "user_defined_type_schema name, user_defined_type_name name, is_insertable_into varchar, is_typed varchar, "
                + "commit_action varchar", InformationSchemaTables::tables);
        def(out, views, "columns", "table_catalog name, table_schema name, table_name name, column_name name, "
                + "ordinal_position int4, column_default varchar, is_nullable varchar, data_type varchar, "
                + "character_maximum_length int4, character_octet_length int4, numeric_precision int4, "
                + "numeric_precision_radix int4, numeric_scale int4, datetime_precision int4, interval_type varchar, "
                + "interval_precision int4, character_set_catalog name, character_set_schema name, character_set_name name, "
                + "collation_catalog name, collation_schema name, collation_name name, domain_catalog name, domain_schema name, "
                + "domain_name name, udt_catalog name, udt_schema name, udt_name name, scope_catalog name, scope_schema name, "
                + "scope_name name, maximum_cardinality int4, dtd_identifier name, is_self_referencing varchar, "
                + "is_identity varchar, identity_generation varchar, identity_start varchar, identity_increment varchar, "
                + "identity_maximum varchar, identity_minimum varchar, identity_cycle varchar, is_generated varchar, "
                + "generation_expression varchar, is_updatable varchar", InformationSchemaTables::columns);
        def(out, views, "views", "table_catalog name, table_schema name, table_name name, view_definition varchar, "
                + "check_option varchar, is_updatable varchar, is_insertable_into varchar, is_trigger_updatable varchar, "
                + "is_trigger_deletable varchar, is_trigger_insertable_into varchar", v -> List.of());
        def(out, views, "foreign_tables", "foreign_table_catalog name, foreign_table_schema name, foreign_table_name name, "
                + "foreign_server_catalog name, foreign_server_name name", v -> visibleTables(v).stream()
                .map(t -> new Object[] {v.database(), t.schema(), t.name(), v.database(), t.server()}).toList());
        def(out, views, "foreign_table_options", "foreign_table_catalog name, foreign_table_schema name, "
                + "foreign_table_name name, option_name name, option_value varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (ForeignTable t : visibleTables(v)) {
                t.options().forEach((k, val) -> rows.add(new Object[] {v.database(), t.schema(), t.name(), k, CatalogView.maskedValue(k, val)}));
            }
            return rows;
        });
        def(out, views, "column_options", "table_catalog name, table_schema name, table_name name, column_name name, "
                + "option_name name, option_value varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (ForeignTable t : visibleTables(v)) {
                for (Column c : t.columns()) {
                    c.options().forEach((k, val) -> rows.add(new Object[] {v.database(), t.schema(), t.name(), c.name(), k,
                            CatalogView.maskedValue(k, val)}));
                }
            }
            return rows;
        });
        def(out, views, "foreign_servers", "foreign_server_catalog name, foreign_server_name name, "
                + "foreign_data_wrapper_catalog name, foreign_data_wrapper_name name, foreign_server_type varchar, "
                + "foreign_server_version varchar, authorization_identifier name", v -> v.snap.servers().stream()
                .filter(v::canSeeServer)
                .map(s -> new Object[] {v.database(), s.name(), v.database(), s.wrapper(), s.type(), s.version(), s.owner()}).toList());
        def(out, views, "foreign_server_options", "foreign_server_catalog name, foreign_server_name name, option_name name, "
                + "option_value varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (Server s : v.snap.servers()) {
                if (!v.canSeeServer(s)) continue;
                s.options().forEach((k, val) -> rows.add(new Object[] {v.database(), s.name(), k, CatalogView.maskedValue(k, val)}));
            }
            return rows;
        });
        def(out, views, "foreign_data_wrappers", "foreign_data_wrapper_catalog name, foreign_data_wrapper_name name, "
                + "authorization_identifier name, library_name varchar, foreign_data_wrapper_language varchar", v -> v.snap.wrappers()
                .stream().map(w -> new Object[] {v.database(), w.name(), w.owner(), null, "c"}).toList());
        def(out, views, "foreign_data_wrapper_options", "foreign_data_wrapper_catalog name, foreign_data_wrapper_name name, "
                + "option_name name, option_value varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (Wrapper w : v.snap.wrappers()) {
                w.options().forEach((k, val) -> rows.add(new Object[] {v.database(), w.name(), k, CatalogView.maskedValue(k, val)}));
            }
            return rows;
        });
        def(out, views, "user_mappings", "authorization_identifier name, foreign_server_catalog name, foreign_server_name name",
                v -> v.snap.userMappings().stream().filter(u -> v.privileged || u.role().equals(v.session.user()) || u.role().equals("public"))
                        .map(u -> new Object[] {u.role().equals("public") ? "PUBLIC" : u.role(), v.database(), u.server()}).toList());
        def(out, views, "user_mapping_options", "authorization_identifier name, foreign_server_catalog name, "
                + "foreign_server_name name, option_name name, option_value varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (UserMapping u : v.snap.userMappings()) {
                boolean mine = v.privileged || u.role().equals(v.session.user());
                if (!mine && !u.role().equals("public")) continue;
                u.options().forEach((k, val) -> rows.add(new Object[] {u.role().equals("public") ? "PUBLIC" : u.role(), v.database(),
                        u.server(), k, mine ? CatalogView.maskedValue(k, val) : null}));
            }
            return rows;
        });
        def(out, views, "table_privileges", "grantor name, grantee name, table_catalog name, table_schema name, "
                + "table_name name, privilege_type varchar, is_grantable varchar, with_hierarchy varchar", v -> {
            List<Object[]> rows = new ArrayList<>();
            for (ForeignTable t : visibleTables(v)) {
                for (Grant g : v.snap.grants()) {
                    boolean on = ("table".equals(g.objectKind()) && g.object().equals(t.qualifiedName()))
                            || ("all tables in schema".equals(g.objectKind()) && g.object().equals(t.schema()));
                    if (!on) continue;
                    List<String> privs = g.privilege().equals("all")
                            ? List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
                            : List.of(g.privilege().toUpperCase(java.util.Locale.ROOT));
                    for (String p : privs) {
                        rows.add(new Object[] {g.grantor(), g.grantee().equals("public") ? "PUBLIC" : g.grantee(), v.database(),
                                t.schema(), t.name(), p, g.grantOption() ? "YES" : "NO", p.equals("SELECT") ? "YES" : "NO"});
                    }
                }
            }
            return rows;
        });
    }

    private static void def(Map<String, RelationDef> out, Function<SessionContext, CatalogView> views, String name,
                            String spec, Function<CatalogView, List<Object[]>> rows) {
        out.put("information_schema." + name, new RelationDef(spec, rows, views));
    }

    private static List<ForeignTable> visibleTables(CatalogView v) {
        return v.snap.tables().stream().filter(v::canSee).toList();
    }

    private static List<Object[]> schemata(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        String db = v.database();
        for (String sys : List.of("pg_catalog", "information_schema", "vault")) {
            if (v.privileged) rows.add(new Object[] {db, sys, v.bootstrapUser, null, null, null, null});
        }
        for (Schema s : v.snap.schemas()) {
            // PostgreSQL lists the schemas the user owns (or is a member of the owner); superusers see all
            if (v.privileged || v.actingRoles().contains(s.owner()) || s.name().equals("public")) {
                rows.add(new Object[] {db, s.name(), s.owner(), null, null, null, null});
            }
        }
        return rows;
    }

    private static List<Object[]> tables(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignTable t : visibleTables(v)) {
            rows.add(new Object[] {v.database(), t.schema(), t.name(), "FOREIGN", null, null, null, null, null, "YES", "NO", null});
        }
        if (v.privileged) {
            rows.add(new Object[] {v.database(), "vault", "secrets", "VIEW", null, null, null, null, null, "NO", "NO", null});
            rows.add(new Object[] {v.database(), "vault", "decrypted_secrets", "VIEW", null, null, null, null, null, "NO", "NO", null});
        }
        return rows;
    }

    private static List<Object[]> columns(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignTable t : visibleTables(v)) {
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.columns().get(i);
                rows.add(columnRow(v, t.schema(), t.name(), c.name(), i + 1, c.type().oid(), c.typmod(), c.notNull()));
            }
        }
        return rows;
    }

    private static Object[] columnRow(CatalogView v, String schema, String table, String column, int ordinal, int typeOid,
                                      int typmod, boolean notNull) {
        PgTypes.Type t = PgTypes.byOid(typeOid).orElseThrow();
        Integer charMax = typeOid == 1043 && typmod > 4 ? typmod - 4 : null;
        Integer octet = typeOid == 25 || typeOid == 1043 ? 1073741824 : null;
        Integer precision = switch (typeOid) {
            case 21 -> 16;
            case 23 -> 32;
            case 20 -> 64;
            case 700 -> 24;
            case 701 -> 53;
            case 1700 -> typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : null;
            default -> null;
        };
        Integer radix = precision == null ? null : typeOid == 1700 ? 10 : 2;
        Integer scale = switch (typeOid) {
            case 21, 23, 20 -> 0;
            case 1700 -> typmod >= 4 ? (typmod - 4) & 0xffff : null;
            default -> null;
        };
        Integer dtPrecision = switch (typeOid) {
            case 1082 -> 0;
            case 1114, 1184, 1083 -> typmod >= 0 ? typmod : 6;
            default -> null;
        };
        return new Object[] {v.database(), schema, table, column, ordinal, null, notNull ? "NO" : "YES",
                PgTypes.formatType(typeOid, -1), charMax, octet, precision, radix, scale, dtPrecision, null, null, null, null,
                null, null, null, null, null, null, null, v.database(), "pg_catalog", t.name(), null, null, null, null,
                String.valueOf(ordinal), "NO", "NO", null, null, null, null, null, "NO", "NEVER", null, "YES"};
    }
}
