package io.wirewrap.sql.ddl;

import static io.wirewrap.sql.ddl.DdlContext.undefined;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.catalog.CatalogSnapshot.Builder;
import io.wirewrap.sql.catalog.Scram;
import io.wirewrap.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transitions for roles and GRANT/REVOKE (privileges are recorded; superuser checks guard DDL). */
final class RoleCommands {
    private RoleCommands() {}

    static void createRole(Builder b, CreateRole s, DdlContext cx) {
        requireCreateRole(b, cx);
        if (s.name().equals("public") || s.name().startsWith("pg_")) {
            throw new SqlError("42939", "role name \"" + s.name() + "\" is reserved");
        }
        if (b.roles.stream().anyMatch(r -> r.name().equals(s.name()))) {
            if (s.ifNotExists()) {
                cx.notice("42710", "role \"" + s.name() + "\" already exists, skipping");
                return;
            }
            throw new SqlError("42710", "role \"" + s.name() + "\" already exists");
        }
        RoleAttributes a = s.attributes();
        if (Boolean.TRUE.equals(a.superuser())) cx.requireSuperuser("permission denied to create role", "Only roles with the SUPERUSER attribute may create roles with the SUPERUSER attribute.");
        for (String r : a.inRoles()) if (b.roles.stream().noneMatch(x -> x.name().equals(r))) throw undefined("role \"" + r + "\"");
        b.roles.add(new Role(b.newOid(), s.name(), bool(a.superuser(), false), bool(a.login(), false), bool(a.createdb(), false),
                bool(a.createrole(), false), bool(a.inherit(), true), a.connectionLimit() == null ? -1 : a.connectionLimit(),
                a.passwordGiven() ? verifier(a.password()) : null, a.inRoles()));
    }

    static void alterRole(Builder b, AlterRole s, DdlContext cx) {
        String name = cx.actor().roleName(s.name());
        Role r = b.roles.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> undefined("role \"" + name + "\""));
        RoleAttributes a = s.attributes();
        boolean onlyOwnPassword = name.equals(cx.actor().user()) && a.login() == null && a.superuser() == null
                && a.createdb() == null && a.createrole() == null && s.renameTo() == null;
        if (!onlyOwnPassword) requireCreateRole(b, cx);
        if ((r.superuser() || a.superuser() != null) && !cx.actor().superuser() && !onlyOwnPassword) {
            throw new SqlError("42501", "permission denied to alter role", "Only roles with the SUPERUSER attribute may alter roles with the SUPERUSER attribute.", null, 0, null);
        }
        String newName = r.name();
        if (s.renameTo() != null) {
            if (name.equals(cx.actor().user())) throw new SqlError("0A000", "session user cannot be renamed");
            if (b.roles.stream().anyMatch(x -> x.name().equals(s.renameTo()))) throw new SqlError("42710", "role \"" + s.renameTo() + "\" already exists");
            newName = s.renameTo();
        }
        List<String> memberOf = new ArrayList<>(r.memberOf());
        for (String in : a.inRoles()) if (!memberOf.contains(in)) memberOf.add(in);
        Role changed = new Role(r.oid(), newName, bool(a.superuser(), r.superuser()), bool(a.login(), r.login()),
                bool(a.createdb(), r.createdb()), bool(a.createrole(), r.createrole()), bool(a.inherit(), r.inherit()),
                a.connectionLimit() == null ? r.connectionLimit() : a.connectionLimit(),
                a.passwordGiven() ? verifier(a.password()) : r.scramVerifier(), memberOf);
        b.replace(b.roles, x -> x.oid() == r.oid(), changed);
    }

    static void dropRole(Builder b, DropRole s, DdlContext cx) {
        requireCreateRole(b, cx);
        for (String name : s.names()) {
            Optional<Role> r = b.roles.stream().filter(x -> x.name().equals(name)).findFirst();
            if (r.isEmpty()) {
                if (s.ifExists()) {
                    cx.notice("00000", "role \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw undefined("role \"" + name + "\"");
            }
            if (name.equals(cx.actor().user())) throw new SqlError("55006", "current user cannot be dropped");
            if (r.get().superuser() && !cx.actor().superuser()) throw new SqlError("42501", "must be superuser to drop superusers");
            List<String> deps = new ArrayList<>();
            b.servers.stream().filter(x -> x.owner().equals(name)).forEach(x -> deps.add("owner of server " + x.name()));
            b.schemas.stream().filter(x -> x.owner().equals(name)).forEach(x -> deps.add("owner of schema " + x.name()));
            b.tables.stream().filter(x -> x.owner().equals(name)).forEach(x -> deps.add("owner of foreign table " + x.qualifiedName()));
            b.userMappings.stream().filter(x -> x.role().equals(name)).forEach(x -> deps.add("user mapping for " + name + " on server " + x.server()));
            b.grants.stream().filter(g -> g.grantee().equals(name)).forEach(g -> deps.add("privileges for " + g.objectKind() + " " + g.object()));
            if (!deps.isEmpty()) {
                throw new SqlError("2BP01", "role \"" + name + "\" cannot be dropped because some objects depend on it",
                        String.join("\n", deps), null, 0, null);
            }
            b.roles.removeIf(x -> x.name().equals(name));
            b.roles.replaceAll(x -> x.memberOf().contains(name) ? new Role(x.oid(), x.name(), x.superuser(), x.login(), x.createdb(),
                    x.createrole(), x.inherit(), x.connectionLimit(), x.scramVerifier(),
                    x.memberOf().stream().filter(m -> !m.equals(name)).toList()) : x);
        }
    }

    static void grant(Builder b, DdlStatement.Grant s, DdlContext cx) {
        List<String> grantees = s.grantees().stream().map(cx.actor()::roleName).toList();
        for (String g : grantees) {
            if (!g.equals("public") && !g.equals(cx.actor().user()) && b.roles.stream().noneMatch(r -> r.name().equals(g))) {
                throw undefined("role \"" + g + "\"");
            }
        }
        if (s.objectKind() == null) { // role membership
            requireCreateRole(b, cx);
            for (String role : s.privileges()) {
                if (b.roles.stream().noneMatch(r -> r.name().equals(role))) throw undefined("role \"" + role + "\"");
                for (String g : grantees) {
                    b.roles.replaceAll(r -> {
                        if (!r.name().equals(g)) return r;
                        List<String> m = new ArrayList<>(r.memberOf());
                        if (s.grant() && !m.contains(role)) m.add(role);
                        if (!s.grant()) m.remove(role);
                        return new Role(r.oid(), r.name(), r.superuser(), r.login(), r.createdb(), r.createrole(), r.inherit(),
                                r.connectionLimit(), r.scramVerifier(), m);
                    });
                }
            }
            return;
        }
        List<String> objects = new ArrayList<>();
        for (String o : s.objects()) objects.add(checkObject(b, s.objectKind(), o, cx));
        if (!cx.actor().superuser()) {
            throw new SqlError("42501", "permission denied to change privileges on " + s.objectKind() + " " + String.join(", ", objects),
                    null, "Granting privileges needs a superuser-like role in wirewrap.", 0, null);
        }
        for (String object : objects) {
            for (String g : grantees) {
                for (String p : s.privileges()) {
                    String priv = p.equals("all") || p.equals("all privileges") ? "all" : p;
                    b.grants.removeIf(x -> x.objectKind().equals(s.objectKind()) && x.object().equals(object) && x.grantee().equals(g)
                            && (x.privilege().equals(priv) || (!s.grant() && priv.equals("all"))));
                    if (s.grant()) b.grants.add(new io.wirewrap.sql.catalog.CatalogObjects.Grant(priv, s.objectKind(), object, g,
                            cx.actor().user(), s.withGrantOption()));
                }
            }
        }
    }

    /** Checks the object exists and returns its canonical name (tables become {@code schema.table}). */
    private static String checkObject(Builder b, String kind, String name, DdlContext cx) {
        switch (kind) {
            case "foreign server" -> {
                if (b.servers.stream().noneMatch(x -> x.name().equals(name))) throw undefined("server \"" + name + "\"");
            }
            case "foreign data wrapper" -> {
                if (b.wrappers.stream().noneMatch(x -> x.name().equals(name))) throw undefined("foreign-data wrapper \"" + name + "\"");
            }
            case "schema", "all tables in schema" -> {
                if (b.schemas.stream().noneMatch(x -> x.name().equals(name)) && !TableCommands.SYSTEM_SCHEMAS.contains(name)) {
                    throw new SqlError("3F000", "schema \"" + name + "\" does not exist");
                }
            }
            case "table" -> {
                int dot = name.indexOf('.');
                QualifiedName qn = dot < 0 ? new QualifiedName(null, name) : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
                if (qn.schema() != null && TableCommands.SYSTEM_SCHEMAS.contains(qn.schema())) return qn.toString();
                return TableCommands.findTable(b, qn, cx).map(ForeignTable::qualifiedName)
                        .orElseThrow(() -> new SqlError("42P01", "relation \"" + name + "\" does not exist"));
            }
            default -> {
                // functions, databases: recorded as written
            }
        }
        return name;
    }

    private static void requireCreateRole(Builder b, DdlContext cx) {
        if (cx.actor().superuser()) return;
        boolean createrole = b.roles.stream().anyMatch(r -> r.name().equals(cx.actor().user()) && r.createrole());
        if (!createrole) throw new SqlError("42501", "permission denied to create role", null,
                "Only roles with the CREATEROLE attribute may create roles.", 0, null);
    }

    /** A written password becomes a SCRAM verifier; an already-hashed SCRAM verifier is kept as given. */
    private static String verifier(String password) {
        if (password == null) return null;
        if (Scram.isVerifier(password)) return password;
        if (password.startsWith("md5") && password.length() == 35) {
            throw new SqlError("0A000", "md5 password hashes are not supported; give the password or a SCRAM-SHA-256 verifier");
        }
        return Scram.verifier(password);
    }

    private static boolean bool(Boolean v, boolean dflt) {
        return v == null ? dflt : v;
    }
}
