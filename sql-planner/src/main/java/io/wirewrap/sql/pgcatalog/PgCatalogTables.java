package io.wirewrap.sql.pgcatalog;

import io.wirewrap.fdw.ColumnType;
import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pg_catalog relations, with PostgreSQL 15's column names and types, filled from the catalog snapshot.
 * Catalogs that are always empty for foreign tables (indexes, constraints, defaults, inheritance) exist with
 * their columns and no rows, so the queries psql and drivers send work unchanged.
 */
public final class PgCatalogTables {
    static final int PG_CLASS = 1259;
    static final int PG_NAMESPACE = 2615;
    static final int PG_PROC = 1255;
    static final int PG_FOREIGN_SERVER = 1417;
    static final int PG_FOREIGN_DATA_WRAPPER = 2328;
    static final int PG_EXTENSION = 3079;
    static final int PG_AUTHID = 1260;
    static final int VAULT_SECRETS_OID = 14800;
    static final int VAULT_DECRYPTED_OID = 14801;
    static final int FDW_LANGUAGE_C = 13;

    /**
     * PostgreSQL's fixed OIDs of its own catalog relations (the same in every version since they were assigned).
     * They have no pg_class rows here, but {@code 'pg_class'::regclass} must still name them: drivers join
     * pg_description on {@code classoid = 'pg_class'::regclass} to read table comments.
     */
    public static final Map<String, Integer> SYSTEM_RELATION_OIDS = Map.ofEntries(
            Map.entry("pg_class", PG_CLASS), Map.entry("pg_namespace", PG_NAMESPACE), Map.entry("pg_proc", PG_PROC),
            Map.entry("pg_type", 1247), Map.entry("pg_attribute", 1249), Map.entry("pg_authid", PG_AUTHID),
            Map.entry("pg_auth_members", 1261), Map.entry("pg_database", 1262), Map.entry("pg_tablespace", 1213),
            Map.entry("pg_foreign_server", PG_FOREIGN_SERVER), Map.entry("pg_user_mapping", 1418),
            Map.entry("pg_foreign_data_wrapper", PG_FOREIGN_DATA_WRAPPER), Map.entry("pg_foreign_table", 3118),
            Map.entry("pg_extension", PG_EXTENSION), Map.entry("pg_description", 2609),
            Map.entry("pg_shdescription", 2396), Map.entry("pg_constraint", 2606), Map.entry("pg_index", 2610),
            Map.entry("pg_attrdef", 2604), Map.entry("pg_trigger", 2620), Map.entry("pg_collation", 3456),
            Map.entry("pg_am", 2601), Map.entry("pg_inherits", 2611), Map.entry("pg_rewrite", 2618),
            Map.entry("pg_depend", 2608), Map.entry("pg_language", 2612), Map.entry("pg_enum", 3501),
            Map.entry("pg_policy", 3256), Map.entry("pg_sequence", 2224), Map.entry("pg_statistic_ext", 3381),
            Map.entry("pg_partitioned_table", 3350));

    private PgCatalogTables() {}

    static void register(Map<String, RelationDef> out, Function<SessionContext, CatalogView> views, Procs procs) {
        def(out, views, "pg_namespace", "oid oid, nspname name, nspowner oid, nspacl _aclitem", PgCatalogTables::namespaces);
        def(out, views, "pg_class", "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, "
                + "relam oid, relfilenode oid, reltablespace oid, relpages int4, reltuples float4, relallvisible int4, "
                + "reltoastrelid oid, relhasindex bool, relisshared bool, relpersistence char, relkind char, relnatts int2, "
                + "relchecks int2, relhasrules bool, relhastriggers bool, relhassubclass bool, relrowsecurity bool, "
                + "relforcerowsecurity bool, relispopulated bool, relreplident char, relispartition bool, relrewrite oid, "
                + "relfrozenxid xid, relminmxid xid, relacl _aclitem, reloptions _text, relpartbound pg_node_tree", PgCatalogTables::classes);
        def(out, views, "pg_attribute", "attrelid oid, attname name, atttypid oid, attstattarget int4, attlen int2, "
                + "attnum int2, attndims int4, attcacheoff int4, atttypmod int4, attbyval bool, attalign char, "
                + "attstorage char, attcompression char, attnotnull bool, atthasdef bool, atthasmissing bool, "
                + "attidentity char, attgenerated char, attisdropped bool, attislocal bool, attinhcount int4, "
                + "attcollation oid, attacl _aclitem, attoptions _text, attfdwoptions _text, attmissingval anyarray",
                PgCatalogTables::attributes);
        def(out, views, "pg_type", "oid oid, typname name, typnamespace oid, typowner oid, typlen int2, typbyval bool, "
                + "typtype char, typcategory char, typispreferred bool, typisdefined bool, typdelim char, typrelid oid, "
                + "typsubscript regproc, typelem oid, typarray oid, typinput regproc, typoutput regproc, typreceive regproc, "
                + "typsend regproc, typmodin regproc, typmodout regproc, typanalyze regproc, typalign char, typstorage char, "
                + "typnotnull bool, typbasetype oid, typtypmod int4, typndims int4, typcollation oid, "
                + "typdefaultbin pg_node_tree, typdefault text, typacl _aclitem", v -> types());
        def(out, views, "pg_foreign_data_wrapper", "oid oid, fdwname name, fdwowner oid, fdwhandler oid, fdwvalidator oid, "
                + "fdwacl _aclitem, fdwoptions _text", v -> wrappers(v, procs));
        def(out, views, "pg_foreign_server", "oid oid, srvname name, srvowner oid, srvfdw oid, srvtype text, srvversion text, "
                + "srvacl _aclitem, srvoptions _text", PgCatalogTables::servers);
        def(out, views, "pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions _text", PgCatalogTables::foreignTables);
        def(out, views, "pg_user_mapping", "oid oid, umuser oid, umserver oid, umoptions _text", v -> userMappings(v, false));
        def(out, views, "pg_user_mappings", "umid oid, srvid oid, srvname name, umuser oid, usename name, umoptions _text",
                v -> userMappings(v, true));
        def(out, views, "pg_extension", "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable bool, "
                + "extversion text, extconfig _oid, extcondition _text", PgCatalogTables::extensions);
        def(out, views, "pg_roles", "rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool, "
                + "rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil timestamptz, "
                + "rolbypassrls bool, rolconfig _text, oid oid", v -> roles(v, "roles"));
        def(out, views, "pg_authid", "oid oid, rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, "
                + "rolcreatedb bool, rolcanlogin bool, rolreplication bool, rolbypassrls bool, rolconnlimit int4, "
                + "rolpassword text, rolvaliduntil timestamptz", v -> roles(v, "authid"));
        def(out, views, "pg_user", "usename name, usesysid oid, usecreatedb bool, usesuper bool, userepl bool, "
                + "usebypassrls bool, passwd text, valuntil timestamptz, useconfig _text", v -> roles(v, "user"));
        def(out, views, "pg_auth_members", "roleid oid, member oid, grantor oid, admin_option bool", PgCatalogTables::members);
        def(out, views, "pg_database", "oid oid, datname name, datdba oid, encoding int4, datlocprovider char, "
                + "datistemplate bool, datallowconn bool, datconnlimit int4, datfrozenxid xid, datminmxid xid, "
                + "dattablespace oid, datcollate text, datctype text, daticulocale text, datcollversion text, datacl _aclitem",
                v -> List.<Object[]>of(new Object[] {CatalogView.DATABASE_OID, v.database(), CatalogView.BOOTSTRAP_ROLE_OID, 6, "c",
                        false, true, -1, 716, 1, 1663, "C", "C", null, null, null}));
        def(out, views, "ww_privileges", PrivilegeRows.SPEC, v -> PrivilegeRows.rows(v, procs));
        def(out, views, "pg_description", "objoid oid, classoid oid, objsubid int4, description text", PgCatalogTables::descriptions);
        def(out, views, "pg_shdescription", "objoid oid, classoid oid, description text", v -> v.snap.comments().stream()
                .filter(c -> c.classCatalog().equals("pg_authid"))
                .map(c -> new Object[] {c.objectOid(), PG_AUTHID, c.text()}).toList());
        def(out, views, "pg_settings", "name text, setting text, unit text, category text, short_desc text, extra_desc text, "
                + "context text, vartype text, source text, min_val text, max_val text, enumvals _text, boot_val text, "
                + "reset_val text, sourcefile text, sourceline int4, pending_restart bool", PgCatalogTables::settings);
        def(out, views, "pg_proc", "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost float4, "
                + "prorows float4, provariadic oid, prosupport regproc, prokind char, prosecdef bool, proleakproof bool, "
                + "proisstrict bool, proretset bool, provolatile char, proparallel char, pronargs int2, pronargdefaults int2, "
                + "prorettype oid, proargtypes oidvector, proallargtypes _oid, proargmodes _char, proargnames _text, "
                + "proargdefaults pg_node_tree, protrftypes _oid, prosrc text, probin text, prosqlbody pg_node_tree, "
                + "proconfig _text, proacl _aclitem, " + FUNCTION_TEXTS_COLUMNS, v -> procs(v, procs));
        def(out, views, "pg_am", "oid oid, amname name, amhandler regproc, amtype char", v -> List.of(
                new Object[] {2, "heap", "heap_tableam_handler", "t"}, new Object[] {403, "btree", "bthandler", "i"},
                new Object[] {405, "hash", "hashhandler", "i"}, new Object[] {783, "gist", "gisthandler", "i"},
                new Object[] {2742, "gin", "ginhandler", "i"}, new Object[] {4000, "spgist", "spghandler", "i"},
                new Object[] {3580, "brin", "brinhandler", "i"}));
        def(out, views, "pg_collation", "oid oid, collname name, collnamespace oid, collowner oid, collprovider char, "
                + "collisdeterministic bool, collencoding int4, collcollate text, collctype text, colliculocale text, "
                + "collversion text", v -> List.of(
                new Object[] {100, "default", 11, 10, "d", true, -1, null, null, null, null},
                new Object[] {950, "C", 11, 10, "c", true, -1, "C", "C", null, null},
                new Object[] {951, "POSIX", 11, 10, "c", true, -1, "POSIX", "POSIX", null, null}));
        def(out, views, "pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl _aclitem, spcoptions _text", v -> List.of(
                new Object[] {1663, "pg_default", 10, null, null}, new Object[] {1664, "pg_global", 10, null, null}));
        def(out, views, "pg_language", "oid oid, lanname name, lanowner oid, lanispl bool, lanpltrusted bool, "
                + "lanplcallfoid oid, laninline oid, lanvalidator oid, lanacl _aclitem", v -> List.of(
                new Object[] {12, "internal", 10, false, false, 0, 0, 2246, null},
                new Object[] {FDW_LANGUAGE_C, "c", 10, false, false, 0, 0, 2247, null},
                new Object[] {14, "sql", 10, false, true, 0, 0, 2248, null}));
        // always empty for foreign tables and the views wirewrap has
        def(out, views, "pg_inherits", "inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool", v -> List.of());
        def(out, views, "pg_index", "indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, indisunique bool, "
                + "indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool, indisclustered bool, "
                + "indisvalid bool, indcheckxmin bool, indisready bool, indislive bool, indisreplident bool, indkey int2vector, "
                + "indcollation oidvector, indclass oidvector, indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree",
                v -> List.of());
        def(out, views, "pg_constraint", "oid oid, conname name, connamespace oid, contype char, condeferrable bool, "
                + "condeferred bool, convalidated bool, conrelid oid, contypid oid, conindid oid, conparentid oid, "
                + "confrelid oid, confupdtype char, confdeltype char, confmatchtype char, conislocal bool, coninhcount int4, "
                + "connoinherit bool, conkey _int2, confkey _int2, conpfeqop _oid, conppeqop _oid, conffeqop _oid, "
                + "confdelsetcols _int2, conexclop _oid, conbin pg_node_tree", v -> List.of());
        def(out, views, "pg_attrdef", "oid oid, adrelid oid, adnum int2, adbin pg_node_tree", v -> List.of());
        def(out, views, "pg_trigger", "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype int2, "
                + "tgenabled char, tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, "
                + "tgdeferrable bool, tginitdeferred bool, tgnargs int2, tgattr int2vector, tgargs bytea, tgqual pg_node_tree, "
                + "tgoldtable name, tgnewtable name", v -> List.of());
        def(out, views, "pg_policy", "oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, polroles _oid, "
                + "polqual pg_node_tree, polwithcheck pg_node_tree", v -> List.of());
        def(out, views, "pg_depend", "classid oid, objid oid, objsubid int4, refclassid oid, refobjid oid, refobjsubid int4, "
                + "deptype char", v -> List.of());
        def(out, views, "pg_partitioned_table", "partrelid oid, partstrat char, partnatts int2, partdefid oid, "
                + "partattrs int2vector, partclass oidvector, partcollation oidvector, partexprs pg_node_tree", v -> List.of());
        def(out, views, "pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, "
                + "stxstattarget int4, stxkeys int2vector, stxkind _char, stxexprs pg_node_tree", v -> List.of());
        def(out, views, "pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, is_instead bool, "
                + "ev_qual pg_node_tree, ev_action pg_node_tree", v -> List.of());
        def(out, views, "pg_enum", "oid oid, enumtypid oid, enumsortorder float4, enumlabel name", v -> List.of());
        def(out, views, "pg_sequence", "seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, seqmax int8, "
                + "seqmin int8, seqcache int8, seqcycle bool", v -> List.of());
    }

    private static void def(Map<String, RelationDef> out, Function<SessionContext, CatalogView> views, String name,
                            String spec, Function<CatalogView, List<Object[]>> rows) {
        out.put("pg_catalog." + name, new RelationDef(spec, rows, views));
    }

    private static String acl(CatalogView v, String owner, String letters, String kind, String object) {
        return Acl.of(owner, letters, v.snap.grants().stream()
                .filter(g -> kind.equals(g.objectKind()) && g.object().equals(object)).toList());
    }

    private static List<Object[]> namespaces(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {CatalogView.PG_CATALOG_OID, "pg_catalog", CatalogView.BOOTSTRAP_ROLE_OID, null});
        rows.add(new Object[] {CatalogView.INFORMATION_SCHEMA_OID, "information_schema", CatalogView.BOOTSTRAP_ROLE_OID, null});
        rows.add(new Object[] {CatalogView.VAULT_SCHEMA_OID, "vault", CatalogView.BOOTSTRAP_ROLE_OID, null});
        for (Schema s : v.snap.schemas()) {
            rows.add(new Object[] {s.oid(), s.name(), v.roleOid(s.owner()), acl(v, s.owner(), "UC", "schema", s.name())});
        }
        return rows;
    }

    private static List<Object[]> classes(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignTable t : v.snap.tables()) {
            String acl = Acl.of(t.owner(), "arwdDxt", v.snap.grants().stream().filter(g ->
                    ("table".equals(g.objectKind()) && g.object().equals(t.qualifiedName()))
                            || ("all tables in schema".equals(g.objectKind()) && g.object().equals(t.schema()))).toList());
            rows.add(classRow(t.oid(), t.name(), v.schemaOid(t.schema()), v.roleOid(t.owner()), "f", t.nextAttnum() - 1, acl));
        }
        rows.add(classRow(VAULT_SECRETS_OID, "secrets", CatalogView.VAULT_SCHEMA_OID, CatalogView.BOOTSTRAP_ROLE_OID, "v",
                io.wirewrap.sql.vault.VaultColumns.SECRETS.size(), null));
        rows.add(classRow(VAULT_DECRYPTED_OID, "decrypted_secrets", CatalogView.VAULT_SCHEMA_OID, CatalogView.BOOTSTRAP_ROLE_OID,
                "v", io.wirewrap.sql.vault.VaultColumns.DECRYPTED.size(), null));
        return rows;
    }

    private static Object[] classRow(int oid, String name, int ns, int owner, String kind, int natts, String acl) {
        return new Object[] {oid, name, ns, 0, 0, owner, 0, 0, 0, 0, -1f, 0, 0, false, false, "p", kind, (short) natts,
                (short) 0, kind.equals("v"), false, false, false, false, true, "n", false, 0, 0, 0, acl, null, null};
    }

    private static List<Object[]> attributes(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignTable t : v.snap.tables()) {
            for (int attnum = 1; attnum < t.nextAttnum(); attnum++) {
                final int n = attnum;
                Optional<Column> c = t.columns().stream().filter(x -> x.attnum() == n).findFirst();
                if (c.isPresent()) {
                    Column col = c.get();
                    rows.add(attRow(t.oid(), col.name(), col.type().oid(), n, col.typmod(), col.notNull(), false,
                            CatalogView.optionArray(col.options())));
                } else {
                    // PostgreSQL keeps a dropped column's slot; psql filters it with NOT attisdropped
                    rows.add(attRow(t.oid(), "........pg.dropped." + n + "........", 0, n, -1, false, true, null));
                }
            }
        }
        int n = 1;
        for (String col : io.wirewrap.sql.vault.VaultColumns.SECRETS) {
            rows.add(attRow(VAULT_SECRETS_OID, col, io.wirewrap.sql.vault.VaultColumns.typeOf(col), n++, -1, false, false, null));
        }
        n = 1;
        for (String col : io.wirewrap.sql.vault.VaultColumns.DECRYPTED) {
            rows.add(attRow(VAULT_DECRYPTED_OID, col, io.wirewrap.sql.vault.VaultColumns.typeOf(col), n++, -1, false, false, null));
        }
        return rows;
    }

    private static Object[] attRow(int rel, String name, int type, int attnum, int typmod, boolean notNull, boolean dropped,
                                   String fdwOptions) {
        PgTypes.Type t = PgTypes.byOid(type).orElse(null);
        int collation = t == null ? 0 : t.collation();
        return new Object[] {rel, name, type, -1, (short) (t == null ? -1 : t.len()), (short) attnum, 0, -1, typmod,
                t != null && t.byVal(), String.valueOf(t == null ? 'i' : t.align()), String.valueOf(t == null ? 'p' : t.storage()),
                "", notNull, false, false, "", "", dropped, true, 0, collation, null, null, fdwOptions, null};
    }

    private static List<Object[]> types() {
        List<Object[]> rows = new ArrayList<>();
        for (PgTypes.Type t : PgTypes.all()) {
            boolean array = t.io().equals("array");
            String in = array ? "array_in" : t.io() + "in";
            String outFn = array ? "array_out" : t.io() + "out";
            String recv = array ? "array_recv" : t.io() + "recv";
            String send = array ? "array_send" : t.io() + "send";
            String subscript = array ? "array_subscript_handler" : "-";
            rows.add(new Object[] {t.oid(), t.name(), CatalogView.PG_CATALOG_OID, CatalogView.BOOTSTRAP_ROLE_OID, (short) t.len(),
                    t.byVal(), String.valueOf(t.type()), String.valueOf(t.category()), t.preferred(), true, ",", 0, subscript,
                    t.elem(), t.array(), in, outFn, recv, send, "-", "-", "-", String.valueOf(t.align()),
                    String.valueOf(t.storage()), false, 0, -1, 0, t.collation(), null, null, null});
        }
        return rows;
    }

    private static List<Object[]> wrappers(CatalogView v, Procs procs) {
        List<Object[]> rows = new ArrayList<>();
        for (Wrapper w : v.snap.wrappers()) {
            rows.add(new Object[] {w.oid(), w.name(), v.roleOid(w.owner()), procs.oidOf(w.handler()), procs.oidOf(w.validator()),
                    acl(v, w.owner(), "U", "foreign data wrapper", w.name()), CatalogView.optionArray(w.options())});
        }
        return rows;
    }

    private static List<Object[]> servers(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (Server s : v.snap.servers()) {
            rows.add(new Object[] {s.oid(), s.name(), v.roleOid(s.owner()), v.wrapperOid(s.wrapper()), s.type(), s.version(),
                    acl(v, s.owner(), "U", "foreign server", s.name()), CatalogView.optionArray(s.options())});
        }
        return rows;
    }

    private static List<Object[]> foreignTables(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignTable t : v.snap.tables()) {
            rows.add(new Object[] {t.oid(), v.serverOid(t.server()), CatalogView.optionArray(t.options())});
        }
        return rows;
    }

    /** pg_user_mappings hides options from everyone but the mapped user and privileged roles, as PostgreSQL does. */
    private static List<Object[]> userMappings(CatalogView v, boolean view) {
        List<Object[]> rows = new ArrayList<>();
        for (UserMapping u : v.snap.userMappings()) {
            int serverOid = v.serverOid(u.server());
            String options = CatalogView.optionArray(u.options());
            if (view) {
                boolean mayRead = v.privileged || u.role().equals(v.session.user());
                rows.add(new Object[] {u.oid(), serverOid, u.server(), v.roleOid(u.role()), u.role(), mayRead ? options : null});
            } else {
                rows.add(new Object[] {u.oid(), v.roleOid(u.role()), serverOid, v.privileged ? options : null});
            }
        }
        return rows;
    }

    private static List<Object[]> extensions(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {13000, "plpgsql", 10, CatalogView.PG_CATALOG_OID, false, "1.0", null, null});
        for (Extension e : v.snap.extensions()) {
            if (e.name().equals("plpgsql")) continue;
            rows.add(new Object[] {e.oid(), e.name(), v.roleOid(e.owner()), v.schemaOid(e.schema()), false, e.version(), null, null});
        }
        return rows;
    }

    /** Roles never show a password or verifier: {@code ********} where PostgreSQL's pg_roles shows it. */
    private static List<Object[]> roles(CatalogView v, String shape) {
        List<Role> all = new ArrayList<>();
        if (v.snap.role(v.bootstrapUser).isEmpty()) {
            all.add(new Role(CatalogView.BOOTSTRAP_ROLE_OID, v.bootstrapUser, true, true, true, true, true, -1, null, List.of()));
        }
        all.addAll(v.snap.roles());
        List<Object[]> rows = new ArrayList<>();
        for (Role r : all) {
            int oid = r.name().equals(v.bootstrapUser) ? CatalogView.BOOTSTRAP_ROLE_OID : r.oid();
            String pw = r.scramVerifier() == null ? null : "********";
            rows.add(switch (shape) {
                case "roles" -> new Object[] {r.name(), r.superuser(), r.inherit(), r.createrole(), r.createdb(), r.login(), false,
                        r.connectionLimit(), pw, null, false, null, oid};
                case "authid" -> new Object[] {oid, r.name(), r.superuser(), r.inherit(), r.createrole(), r.createdb(), r.login(),
                        false, false, r.connectionLimit(), null, null};
                default -> new Object[] {r.name(), oid, r.createdb(), r.superuser(), false, false, pw, null, null};
            });
            if (shape.equals("user") && !r.login()) rows.remove(rows.size() - 1);
        }
        return rows;
    }

    private static List<Object[]> members(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (Role r : v.snap.roles()) {
            for (String m : r.memberOf()) rows.add(new Object[] {v.roleOid(m), r.oid(), CatalogView.BOOTSTRAP_ROLE_OID, false});
        }
        return rows;
    }

    private static List<Object[]> descriptions(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        for (Comment c : v.snap.comments()) {
            int classOid = switch (c.classCatalog()) {
                case "pg_class" -> PG_CLASS;
                case "pg_namespace" -> PG_NAMESPACE;
                case "pg_foreign_server" -> PG_FOREIGN_SERVER;
                case "pg_foreign_data_wrapper" -> PG_FOREIGN_DATA_WRAPPER;
                case "pg_extension" -> PG_EXTENSION;
                default -> 0; // shared objects (roles) live in pg_shdescription
            };
            if (classOid != 0) rows.add(new Object[] {c.objectOid(), classOid, c.subId(), c.text()});
        }
        rows.add(new Object[] {VAULT_SECRETS_OID, PG_CLASS, 0, "Encrypted secrets (ciphertext only)"});
        rows.add(new Object[] {VAULT_DECRYPTED_OID, PG_CLASS, 0, "Decrypted secrets, for superuser-like roles only"});
        rows.add(new Object[] {Procs.VAULT_CREATE_SECRET, PG_PROC, 0, "Stores a new encrypted secret and returns its id"});
        return rows;
    }

    private static List<Object[]> settings(CatalogView v) {
        List<Object[]> rows = new ArrayList<>();
        if (v.session.settings() == null) return rows;
        v.session.settings().snapshot().forEach((name, value) -> rows.add(new Object[] {name.toLowerCase(java.util.Locale.ROOT),
                value, null, "Ungrouped", "", null, "user", "string", "session", null, null, null, value, value, null, null, false}));
        return rows;
    }

    /**
     * Extra pg_proc columns with what {@code pg_get_function_result}/{@code _arguments} print: the local engine
     * copies them into {@code ww_function_texts} whenever it loads pg_proc, and those macros read that table.
     */
    public static final String FUNCTION_TEXTS_COLUMNS = "ww_result text, ww_arguments text";

    private static List<Object[]> procs(CatalogView v, Procs procs) {
        List<Object[]> rows = new ArrayList<>();
        String extSchema = v.snap.extension("wrappers").map(Extension::schema).orElse("public");
        for (Procs.Proc p : procs.all(v.snap)) {
            int ns = v.schemaOid(p.schema() == null ? extSchema : p.schema());
            StringBuilder argTypes = new StringBuilder();
            for (int t : p.argTypes()) argTypes.append(argTypes.isEmpty() ? "" : " ").append(t);
            rows.add(new Object[] {p.oid(), p.name(), ns == 0 ? CatalogSnapshot.PUBLIC_SCHEMA_OID : ns, CatalogView.BOOTSTRAP_ROLE_OID,
                    FDW_LANGUAGE_C, 1f, p.returnsSet() ? 1000f : 0f, 0, "-", "f", p.schema() != null, false, p.schema() == null,
                    p.returnsSet(), "v", "u",
                    (short) p.argTypes().size(), (short) 0, p.returnType(), argTypes.toString(), null, null,
                    p.argNames().isEmpty() ? null : CatalogView.textArray(p.argNames()), null, null, p.name(), "wirewrap", null,
                    null, null, p.resultText(), p.argumentsText()});
        }
        return rows;
    }

    /** The ColumnType OIDs are all in pg_type; checked once so a new ColumnType cannot slip through unlisted. */
    static boolean coversColumnTypes() {
        for (ColumnType t : ColumnType.values()) if (PgTypes.byOid(t.oid()).isEmpty()) return false;
        return true;
    }
}
