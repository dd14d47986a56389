package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.catalog.Privileges;
import io.wirewrap.sql.ddl.DdlHandler;
import io.wirewrap.sql.session.SessionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session's look at one catalog snapshot: OIDs of names, visibility and masking rules shared by the
 * pg_catalog, information_schema and vault relations.
 */
public final class CatalogView {
    public static final int BOOTSTRAP_ROLE_OID = 10;
    public static final int PG_CATALOG_OID = 11;
    public static final int INFORMATION_SCHEMA_OID = 13181;
    public static final int VAULT_SCHEMA_OID = 13500;
    public static final int DATABASE_OID = 5;
    public static final int PUBLIC_ROLE_OID = 0;
    private static final Set<String> SECRET_OPTION_WORDS = Set.of("api_key", "password", "secret", "token", "headers");

    final CatalogSnapshot snap;
    final SessionContext session;
    final String bootstrapUser;
    final boolean privileged;

    CatalogView(CatalogSnapshot snap, SessionContext session, String bootstrapUser) {
        this.snap = snap;
        this.session = session;
        this.bootstrapUser = bootstrapUser;
        this.privileged = DdlHandler.privileged(session, snap);
    }

    String database() {
        String db = session.info() == null ? null : session.info().database();
        return db == null || db.isEmpty() ? "postgres" : db;
    }

    int roleOid(String name) {
        if (name == null || name.equals("public")) return PUBLIC_ROLE_OID;
        if (name.equals(bootstrapUser)) return BOOTSTRAP_ROLE_OID;
        return snap.role(name).map(Role::oid).orElse(BOOTSTRAP_ROLE_OID);
    }

    int schemaOid(String name) {
        return switch (name) {
            case "pg_catalog" -> PG_CATALOG_OID;
            case "information_schema" -> INFORMATION_SCHEMA_OID;
            case "vault" -> VAULT_SCHEMA_OID;
            default -> snap.schema(name).map(Schema::oid).orElse(0);
        };
    }

    int serverOid(String name) {
        return snap.server(name).map(Server::oid).orElse(0);
    }

    int wrapperOid(String name) {
        return snap.wrapper(name).map(Wrapper::oid).orElse(0);
    }

    /** Roles the session's user acts as: itself, roles it is a member of (transitively), and PUBLIC. */
    Set<String> actingRoles() {
        return Privileges.actingRoles(snap, session.user());
    }

    /** information_schema shows a table only to those with some privilege on it, as PostgreSQL does. */
    boolean canSee(ForeignTable t) {
        return Privileges.anyOnTable(snap, session.user(), privileged, t);
    }

    boolean canSeeServer(Server s) {
        if (privileged || s.owner().equals(session.user())) return true;
        Set<String> roles = actingRoles();
        return snap.grants().stream().anyMatch(g -> "foreign server".equals(g.objectKind()) && g.object().equals(s.name())
                && roles.contains(g.grantee()));
    }

    /** Options as PostgreSQL shows them ({@code key=value}), with credential-like values masked. */
    static List<String> optionItems(Map<String, String> options) {
        List<String> out = new ArrayList<>();
        options.forEach((k, v) -> out.add(k + "=" + (isSecretOption(k) ? "********" : v)));
        return out;
    }

    static boolean isSecretOption(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return SECRET_OPTION_WORDS.contains(k) || (k.endsWith("_key") && !k.endsWith("_key_id") && !k.endsWith("_key_name"))
                || k.contains("secret") || k.contains("password") || k.contains("token");
    }

    static String optionArray(Map<String, String> options) {
        return options == null || options.isEmpty() ? null : textArray(optionItems(options));
    }

    static String maskedValue(String key, String value) {
        return isSecretOption(key) ? "********" : value;
    }

    /** PostgreSQL's text form of a one-dimensional array, quoting elements that need it. */
    static String textArray(Collection<String> items) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (String s : items) {
            if (!first) sb.append(',');
            first = false;
            if (s == null) {
                sb.append("NULL");
            } else if (s.isEmpty() || s.equalsIgnoreCase("null") || s.chars().anyMatch(c -> c == ',' || c == '{' || c == '}'
                    || c == '"' || c == '\\' || Character.isWhitespace(c))) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('}').toString();
    }
}
