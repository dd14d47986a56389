package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogObjects.ForeignTable;
import io.wirewrap.sql.catalog.CatalogObjects.Role;
import io.wirewrap.sql.catalog.CatalogObjects.Schema;
import io.wirewrap.sql.catalog.CatalogObjects.Server;
import io.wirewrap.sql.catalog.CatalogObjects.Wrapper;
import io.wirewrap.sql.catalog.Privileges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pg_catalog.ww_privileges}: one row per (role, object, privilege) the role holds, computed with the same
 * rules the engine enforces ({@link Privileges}). The {@code has_*_privilege} functions are rewritten into lookups
 * here (see DuckDialect), so clients are told the truth about what would be refused with 42501.
 *
 * <p>{@code kind} is {@code table}, {@code schema}, {@code server}, {@code fdw}, {@code function} or
 * {@code database}; {@code nsp} is the schema of tables and functions (null otherwise).
 */
final class PrivilegeRows {
    static final String SPEC = "roloid oid, rolname name, kind text, objoid oid, nsp text, objname text, privilege text";
    private static final List<String> TABLE_PRIVILEGES = List.of("select", "insert", "update", "delete", "truncate", "references", "trigger");
    /** Schemas every role may use in PostgreSQL (PUBLIC holds USAGE); vault's relations carry their own rules. */
    private static final Set<String> PUBLIC_USAGE_SCHEMAS = Set.of("pg_catalog", "information_schema", "vault", "public");

    private PrivilegeRows() {}

    static List<Object[]> rows(CatalogView v, Procs procs) {
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<String, Boolean> role : roles(v).entrySet()) {
            String user = role.getKey();
            boolean superuser = role.getValue();
            int roleOid = v.roleOid(user);
            Row row = (kind, oid, nsp, name, privilege) -> out.add(new Object[] {roleOid, user, kind, oid, nsp, name, privilege});
            for (ForeignTable t : v.snap.tables()) {
                for (String p : TABLE_PRIVILEGES) {
                    if (Privileges.onTable(v.snap, user, superuser, t, p)) row.add("table", t.oid(), t.schema(), t.name(), p);
                }
            }
            // vault.secrets is readable by every role (ciphertext only); writing it and the decrypted view are superuser-only
            row.add("table", PgCatalogTables.VAULT_SECRETS_OID, "vault", "secrets", "select");
            for (String p : TABLE_PRIVILEGES) {
                if (superuser) {
                    if (!p.equals("select")) row.add("table", PgCatalogTables.VAULT_SECRETS_OID, "vault", "secrets", p);
                    row.add("table", PgCatalogTables.VAULT_DECRYPTED_OID, "vault", "decrypted_secrets", p);
                }
            }
            schemas(v, user, superuser, row);
            for (Server s : v.snap.servers()) {
                if (Privileges.onServer(v.snap, user, superuser, s, "usage")) row.add("server", s.oid(), null, s.name(), "usage");
            }
            for (Wrapper w : v.snap.wrappers()) {
                if (superuser || w.owner().equals(user) || Privileges.granted(v.snap, user, "foreign data wrapper", w.name(), "usage")) {
                    row.add("fdw", w.oid(), null, w.name(), "usage");
                }
            }
            functions(v, procs, user, superuser, row);
            // any role may connect, create schemas and use temporary tables: wirewrap checks none of these
            for (String p : List.of("connect", "create", "temporary", "temp")) row.add("database", CatalogView.DATABASE_OID, null, v.database(), p);
        }
        return out;
    }

    /** Every catalog role with its superuser attribute, plus the session's own user as the session sees itself. */
    private static Map<String, Boolean> roles(CatalogView v) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Role r : v.snap.roles()) out.put(r.name(), r.superuser() || r.name().equals(v.bootstrapUser));
        out.putIfAbsent(v.bootstrapUser, true);
        out.put(v.session.user(), v.privileged);
        return out;
    }

    private static void schemas(CatalogView v, String user, boolean superuser, Row row) {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("pg_catalog", CatalogView.PG_CATALOG_OID);
        all.put("information_schema", CatalogView.INFORMATION_SCHEMA_OID);
        all.put("vault", CatalogView.VAULT_SCHEMA_OID);
        Map<String, String> owners = new LinkedHashMap<>();
        for (Schema s : v.snap.schemas()) {
            all.put(s.name(), s.oid());
            owners.put(s.name(), s.owner());
        }
        all.forEach((name, oid) -> {
            for (String p : List.of("usage", "create")) {
                boolean held = superuser || user.equals(owners.get(name)) || Privileges.granted(v.snap, user, "schema", name, p)
                        || (p.equals("usage") && PUBLIC_USAGE_SCHEMAS.contains(name));
                if (held) row.add("schema", oid, null, name, p);
            }
        });
    }

    private static void functions(CatalogView v, Procs procs, String user, boolean superuser, Row row) {
        for (Procs.Proc p : procs.all()) {
            // the vault functions write the vault (superuser-only); handlers and validators are PUBLIC, as in PostgreSQL
            boolean vault = "vault".equals(p.schema());
            if (!vault || superuser) row.add("function", p.oid(), p.schema(), p.name(), "execute");
        }
        for (Procs.SourceFunction f : procs.sourceFunctions(v.snap)) {
            if (Privileges.onFunction(v.snap, user, superuser, f.entry())) {
                row.add("function", f.oid(), f.entry().schema(), f.entry().definition().name(), "execute");
            }
        }
    }

    @FunctionalInterface
    private interface Row {
        void add(String kind, int oid, String nsp, String name, String privilege);
    }
}
