package io.wirewrap.sql.catalog;

import io.wirewrap.sql.catalog.CatalogObjects.ForeignTable;
import io.wirewrap.sql.catalog.CatalogObjects.Grant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Privilege checks from recorded grants, as PostgreSQL applies them: the owner and superuser-like roles have
 * every privilege; others need a grant to themselves, a role they are a member of, or PUBLIC.
 */
public final class Privileges {
    private Privileges() {}

    /** The user plus every role it is (transitively) a member of, plus {@code public}. */
    public static Set<String> actingRoles(CatalogSnapshot snap, String user) {
        Set<String> out = new HashSet<>();
        out.add("public");
        List<String> todo = new ArrayList<>(List.of(user));
        while (!todo.isEmpty()) {
            String r = todo.remove(todo.size() - 1);
            if (!out.add(r)) continue;
            snap.role(r).ifPresent(x -> todo.addAll(x.memberOf()));
        }
        return out;
    }

    /** {@code privilege} is lower case ({@code select}, {@code insert}, ...); {@code all} grants every one. */
    public static boolean onTable(CatalogSnapshot snap, String user, boolean superuser, ForeignTable t, String privilege) {
        if (superuser || t.owner().equals(user)) return true;
        Set<String> roles = actingRoles(snap, user);
        for (Grant g : snap.grants()) {
            if (!roles.contains(g.grantee())) continue;
            boolean on = ("table".equals(g.objectKind()) && g.object().equals(t.qualifiedName()))
                    || ("all tables in schema".equals(g.objectKind()) && g.object().equals(t.schema()));
            if (on && (g.privilege().equals(privilege) || g.privilege().equals("all"))) return true;
        }
        return false;
    }

    /**
     * {@code usage} on a foreign server (what creating a foreign table on it needs, as in PostgreSQL): the owner,
     * superuser-like roles, or a grant to the user, a role it belongs to, or PUBLIC.
     */
    public static boolean onServer(CatalogSnapshot snap, String user, boolean superuser, CatalogObjects.Server s, String privilege) {
        return superuser || s.owner().equals(user) || granted(snap, user, "foreign server", s.name(), privilege);
    }

    /**
     * Whether {@code privilege} on the object of {@code kind} (as GRANT records it: {@code schema},
     * {@code foreign data wrapper}, ...) was granted to the user, a role it belongs to, or PUBLIC.
     */
    public static boolean granted(CatalogSnapshot snap, String user, String kind, String object, String privilege) {
        Set<String> roles = actingRoles(snap, user);
        for (Grant g : snap.grants()) {
            if (roles.contains(g.grantee()) && kind.equals(g.objectKind()) && g.object().equals(object)
                    && (g.privilege().equals(privilege) || g.privilege().equals("all"))) return true;
        }
        return false;
    }

    /**
     * Whether the user may call a source function (an action such as {@code stripe.invoice_pay}): it acts with the
     * server's key, so it needs {@code usage} on that server; functions marked privileged need a superuser-like role.
     */
    public static boolean onFunction(CatalogSnapshot snap, String user, boolean superuser, SchemaFunctions.Entry e) {
        if (e.definition().privileged() && !superuser) return false;
        return snap.server(e.server()).map(srv -> onServer(snap, user, superuser, srv, "usage")).orElse(superuser);
    }

    /** Whether the user holds any table privilege at all (what name resolution in a query requires here). */
    public static boolean anyOnTable(CatalogSnapshot snap, String user, boolean superuser, ForeignTable t) {
        for (String p : List.of("select", "insert", "update", "delete", "truncate", "references", "trigger")) {
            if (onTable(snap, user, superuser, t, p)) return true;
        }
        return false;
    }
}
