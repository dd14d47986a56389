package io.wirewrap.sql.ddl;

import static io.wirewrap.sql.ddl.DdlContext.duplicate;
import static io.wirewrap.sql.ddl.DdlContext.undefined;

import io.wirewrap.fdw.OptionScope;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.*;
import io.wirewrap.sql.catalog.CatalogSnapshot.Builder;
import io.wirewrap.sql.ddl.DdlStatement.*;
import io.wirewrap.sql.vault.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Transitions for extensions, foreign-data wrappers, servers and user mappings. */
final class ServerCommands {
    /** Extensions a user may "create": they are built in, creating them only records them as PostgreSQL would. */
    static final Set<String> AVAILABLE_EXTENSIONS = Set.of("wrappers", "supabase_vault", "pgsodium", "plpgsql");

    /** Secrets wirewrap created from a clear api_key carry this description; they live as long as a reference. */
    static final String AUTO_SECRET_PREFIX = "api_key of ";
    static final String AUTO_SECRET_SUFFIX = " (moved to the vault by wirewrap)";

    private ServerCommands() {}

    /**
     * Removes secrets wirewrap created itself from a clear {@code api_key} once no server or user mapping
     * references them any more (the key was replaced, or its server dropped): a user never asked for them.
     * Secrets users created are theirs to delete.
     */
    static void dropUnreferencedAutoSecrets(Builder b) {
        java.util.Set<String> referenced = new java.util.HashSet<>();
        b.servers.forEach(x -> referenced.add(String.valueOf(x.options().get(Vault.API_KEY_ID)).toLowerCase(java.util.Locale.ROOT)));
        b.userMappings.forEach(x -> referenced.add(String.valueOf(x.options().get(Vault.API_KEY_ID)).toLowerCase(java.util.Locale.ROOT)));
        b.secrets.removeIf(sec -> sec.name() == null && sec.description() != null && sec.description().startsWith(AUTO_SECRET_PREFIX)
                && sec.description().endsWith(AUTO_SECRET_SUFFIX) && !referenced.contains(sec.id().toLowerCase(java.util.Locale.ROOT)));
    }

    static void createExtension(Builder b, CreateExtension s, DdlContext cx) {
        if (b.extensions.stream().anyMatch(e -> e.name().equals(s.name()))) {
            if (s.ifNotExists()) {
                cx.notice("42710", "extension \"" + s.name() + "\" already exists, skipping");
                return;
            }
            throw duplicate("extension \"" + s.name() + "\"");
        }
        if (!AVAILABLE_EXTENSIONS.contains(s.name())) {
            throw new SqlError("58P01", "extension \"" + s.name() + "\" is not available", null,
                    "The extensions wirewrap provides are: " + String.join(", ", new java.util.TreeSet<>(AVAILABLE_EXTENSIONS)) + ".", 0, null);
        }
        cx.requireSuperuser("permission denied to create extension \"" + s.name() + "\"",
                "Must be superuser to create this extension.");
        String schema = s.schema() == null ? cx.actor().searchPath().stream().filter(n -> b.schemas.stream().anyMatch(x -> x.name().equals(n)))
                .findFirst().orElse("public") : s.schema();
        if (b.schemas.stream().noneMatch(x -> x.name().equals(schema))) {
            // Supabase databases have an "extensions" schema; the documented SQL names it, so create it quietly
            b.schemas.add(new Schema(b.newOid(), schema, cx.actor().user()));
        }
        b.extensions.add(new Extension(b.newOid(), s.name(), schema, s.version() == null ? "0.1.0" : s.version(), cx.actor().user()));
    }

    static void dropExtension(Builder b, DropExtension s, DdlContext cx) {
        for (String name : s.names()) {
            if (!b.extensions.removeIf(e -> e.name().equals(name))) {
                if (s.ifExists()) cx.notice("00000", "extension \"" + name + "\" does not exist, skipping");
                else throw undefined("extension \"" + name + "\"");
            }
        }
    }

    static void createWrapper(Builder b, CreateWrapper s, DdlContext cx) {
        cx.requireSuperuser("permission denied to create foreign-data wrapper \"" + s.name() + "\"",
                "Must be superuser to create a foreign-data wrapper.");
        if (b.wrappers.stream().anyMatch(w -> w.name().equals(s.name()))) throw duplicate("foreign-data wrapper \"" + s.name() + "\"");
        if (s.handler() != null && cx.sources().byHandler(s.handler()).isEmpty()) {
            throw new SqlError("42883", "function " + s.handler() + "() does not exist", null,
                    cx.sources().all().isEmpty() ? "No foreign source is installed."
                            : "Installed handlers: " + String.join(", ", cx.sources().all().stream().flatMap(x -> x.handlerNames().stream()).toList()) + ".",
                    0, null);
        }
        if (s.validator() != null && cx.sources().byValidator(s.validator()).isEmpty()) {
            throw new SqlError("42883", "function " + s.validator() + "(text[], oid) does not exist");
        }
        Map<String, String> options = OptionLists.of(s.options());
        Wrapper w = new Wrapper(b.newOid(), s.name(), s.handler(), s.validator(), options, cx.actor().user());
        cx.validate(cx.sourceOf(w), w, OptionScope.WRAPPER, options);
        b.wrappers.add(w);
    }

    static void alterWrapper(Builder b, AlterWrapper s, DdlContext cx) {
        cx.requireSuperuser("permission denied to alter foreign-data wrapper \"" + s.name() + "\"",
                "Must be superuser to alter a foreign-data wrapper.");
        Wrapper w = b.wrappers.stream().filter(x -> x.name().equals(s.name())).findFirst()
                .orElseThrow(() -> undefined("foreign-data wrapper \"" + s.name() + "\""));
        Wrapper changed = new Wrapper(w.oid(), w.name(), s.handler() == null ? w.handler() : s.handler(),
                s.validator() == null ? w.validator() : s.validator(), OptionLists.alter(w.options(), s.options()), w.owner());
        cx.validate(cx.sourceOf(changed), changed, OptionScope.WRAPPER, changed.options());
        b.replace(b.wrappers, x -> x.oid() == w.oid(), changed);
    }

    static void dropWrapper(Builder b, DropWrapper s, DdlContext cx) {
        for (String name : s.names()) {
            Optional<Wrapper> w = b.wrappers.stream().filter(x -> x.name().equals(name)).findFirst();
            if (w.isEmpty()) {
                if (s.ifExists()) {
                    cx.notice("00000", "foreign-data wrapper \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw undefined("foreign-data wrapper \"" + name + "\"");
            }
            cx.requireSuperuser("must be owner of foreign-data wrapper " + name, null);
            List<String> servers = b.servers.stream().filter(x -> x.wrapper().equals(name)).map(Server::name).toList();
            if (!servers.isEmpty() && !s.cascade()) {
                throw dependents("foreign-data wrapper " + name, servers.stream().map(x -> "server " + x + " depends on foreign-data wrapper " + name).toList());
            }
            for (String server : servers) dropServerCascade(b, server, cx);
            b.wrappers.removeIf(x -> x.name().equals(name));
        }
    }

    static void createServer(Builder b, CreateServer s, DdlContext cx) {
        if (b.servers.stream().anyMatch(x -> x.name().equals(s.name()))) {
            if (s.ifNotExists()) {
                cx.notice("42710", "server \"" + s.name() + "\" already exists, skipping");
                return;
            }
            throw duplicate("server \"" + s.name() + "\"");
        }
        Wrapper w = b.wrappers.stream().filter(x -> x.name().equals(s.wrapper())).findFirst()
                .orElseThrow(() -> undefined("foreign-data wrapper \"" + s.wrapper() + "\""));
        cx.requireSuperuser("permission denied for foreign-data wrapper " + w.name(),
                "Creating servers needs a superuser-like role in wirewrap.");
        Map<String, String> options = OptionLists.of(s.options());
        Server server = new Server(b.newOid(), s.name(), w.name(), s.type(), s.version(), options, cx.actor().user());
        options = sealApiKey(b, options, "server " + s.name(), cx);
        cx.validate(cx.sourceOf(w), w, OptionScope.SERVER, options);
        checkVaultReference(b, options);
        b.servers.add(new Server(server.oid(), server.name(), server.wrapper(), server.type(), server.version(), options, server.owner()));
    }

    static void alterServer(Builder b, AlterServer s, DdlContext cx) {
        Server old = b.servers.stream().filter(x -> x.name().equals(s.name())).findFirst()
                .orElseThrow(() -> undefined("server \"" + s.name() + "\""));
        if (!cx.actor().superuser() && !old.owner().equals(cx.actor().user())) {
            throw new SqlError("42501", "must be owner of foreign server " + old.name());
        }
        if (s.renameTo() != null) {
            if (b.servers.stream().anyMatch(x -> x.name().equals(s.renameTo()))) throw duplicate("server \"" + s.renameTo() + "\"");
            renameServerReferences(b, old.name(), s.renameTo());
            b.replace(b.servers, x -> x.oid() == old.oid(), new Server(old.oid(), s.renameTo(), old.wrapper(), old.type(),
                    old.version(), old.options(), old.owner()));
            return;
        }
        if (s.newOwner() != null) {
            cx.requireSuperuser("permission denied to change owner of foreign server " + old.name(), null);
            if (b.roles.stream().noneMatch(r -> r.name().equals(s.newOwner()))) throw undefined("role \"" + s.newOwner() + "\"");
            b.replace(b.servers, x -> x.oid() == old.oid(), new Server(old.oid(), old.name(), old.wrapper(), old.type(),
                    old.version(), old.options(), s.newOwner()));
            return;
        }
        Map<String, String> options = OptionLists.alter(old.options(), keyAware(old.options(), s.options()));
        // writing any form of the key replaces the other forms, so exactly one reference remains
        boolean keyWritten = s.options().stream().anyMatch(a -> a.action() != OptionAction.Action.DROP && isKeyOption(a.key()));
        if (keyWritten) {
            for (OptionAction a : s.options()) {
                if (!isKeyOption(a.key())) continue;
                for (String other : List.of(Vault.API_KEY, Vault.API_KEY_ID, Vault.API_KEY_NAME)) {
                    if (!other.equals(a.key())) options.remove(other);
                }
            }
        }
        options = sealApiKey(b, options, "server " + old.name(), cx);
        Wrapper w = b.wrappers.stream().filter(x -> x.name().equals(old.wrapper())).findFirst().orElseThrow();
        cx.validate(cx.sourceOf(w), w, OptionScope.SERVER, options);
        checkVaultReference(b, options);
        b.replace(b.servers, x -> x.oid() == old.oid(), new Server(old.oid(), old.name(), old.wrapper(), old.type(),
                s.version() == null ? old.version() : s.version(), options, old.owner()));
    }

    /**
     * A stored key is always a vault reference, so {@code SET api_key '...'} and {@code DROP api_key} address
     * whichever form is stored: SET becomes ADD (the other forms are then replaced), DROP drops the reference.
     */
    static List<OptionAction> keyAware(Map<String, String> current, List<OptionAction> actions) {
        List<OptionAction> out = new ArrayList<>();
        for (OptionAction a : actions) {
            boolean storedAsOtherForm = isKeyOption(a.key()) && !current.containsKey(a.key())
                    && (current.containsKey(Vault.API_KEY_ID) || current.containsKey(Vault.API_KEY_NAME));
            if (storedAsOtherForm && a.action() == OptionAction.Action.SET) {
                out.add(new OptionAction(OptionAction.Action.ADD, a.key(), a.value()));
            } else if (storedAsOtherForm && a.action() == OptionAction.Action.DROP) {
                out.add(new OptionAction(OptionAction.Action.DROP,
                        current.containsKey(Vault.API_KEY_ID) ? Vault.API_KEY_ID : Vault.API_KEY_NAME, null));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean isKeyOption(String key) {
        return key.equals(Vault.API_KEY) || key.equals(Vault.API_KEY_ID) || key.equals(Vault.API_KEY_NAME);
    }

    private static void renameServerReferences(Builder b, String from, String to) {
        b.userMappings.replaceAll(u -> u.server().equals(from) ? new UserMapping(u.oid(), u.role(), to, u.options()) : u);
        b.tables.replaceAll(t -> t.server().equals(from)
                ? new ForeignTable(t.oid(), t.schema(), t.name(), to, t.columns(), t.options(), t.owner(), t.nextAttnum()) : t);
    }

    static void dropServer(Builder b, DropServer s, DdlContext cx) {
        for (String name : s.names()) {
            Optional<Server> server = b.servers.stream().filter(x -> x.name().equals(name)).findFirst();
            if (server.isEmpty()) {
                if (s.ifExists()) {
                    cx.notice("00000", "server \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw undefined("server \"" + name + "\"");
            }
            if (!cx.actor().superuser() && !server.get().owner().equals(cx.actor().user())) {
                throw new SqlError("42501", "must be owner of foreign server " + name);
            }
            List<String> deps = new ArrayList<>();
            b.userMappings.stream().filter(u -> u.server().equals(name))
                    .forEach(u -> deps.add("user mapping for " + u.role() + " on server " + name + " depends on server " + name));
            b.tables.stream().filter(t -> t.server().equals(name))
                    .forEach(t -> deps.add("foreign table " + t.qualifiedName() + " depends on server " + name));
            if (!deps.isEmpty() && !s.cascade()) throw dependents("server " + name, deps);
            if (!deps.isEmpty()) cx.notice("00000", "drop cascades to " + deps.size() + " other object" + (deps.size() == 1 ? "" : "s"));
            dropServerCascade(b, name, cx);
        }
    }

    private static void dropServerCascade(Builder b, String name, DdlContext cx) {
        b.userMappings.removeIf(u -> u.server().equals(name));
        List<Integer> tableOids = b.tables.stream().filter(t -> t.server().equals(name)).map(ForeignTable::oid).toList();
        b.tables.removeIf(t -> t.server().equals(name));
        b.comments.removeIf(c -> c.classCatalog().equals("pg_class") && tableOids.contains(c.objectOid()));
        b.servers.stream().filter(x -> x.name().equals(name)).findFirst().ifPresent(srv ->
                b.comments.removeIf(c -> c.classCatalog().equals("pg_foreign_server") && c.objectOid() == srv.oid()));
        b.grants.removeIf(g -> "foreign server".equals(g.objectKind()) && g.object().equals(name));
        b.servers.removeIf(x -> x.name().equals(name));
    }

    static SqlError dependents(String object, List<String> details) {
        return new SqlError("2BP01", "cannot drop " + object + " because other objects depend on it",
                String.join("\n", details), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
    }

    static void createUserMapping(Builder b, CreateUserMapping s, DdlContext cx) {
        String role = cx.actor().roleName(s.role());
        Server server = b.servers.stream().filter(x -> x.name().equals(s.server())).findFirst()
                .orElseThrow(() -> undefined("server \"" + s.server() + "\""));
        if (!role.equals("public") && b.roles.stream().noneMatch(r -> r.name().equals(role)) && !role.equals(cx.actor().user())) {
            throw undefined("role \"" + role + "\"");
        }
        if (b.userMappings.stream().anyMatch(u -> u.role().equals(role) && u.server().equals(server.name()))) {
            if (s.ifNotExists()) {
                cx.notice("42710", "user mapping for \"" + role + "\" already exists for server \"" + server.name() + "\", skipping");
                return;
            }
            throw new SqlError("42710", "user mapping for \"" + role + "\" already exists for server \"" + server.name() + "\"");
        }
        cx.requireSuperuser("permission denied for foreign server " + server.name(),
                "Creating user mappings needs a superuser-like role in wirewrap.");
        Map<String, String> options = sealApiKey(b, OptionLists.of(s.options()), "user mapping for " + role, cx);
        cx.validate(cx.sourceOfServer(b, server), null, OptionScope.USER_MAPPING, options);
        checkVaultReference(b, options);
        b.userMappings.add(new UserMapping(b.newOid(), role, server.name(), options));
    }

    static void alterUserMapping(Builder b, AlterUserMapping s, DdlContext cx) {
        String role = cx.actor().roleName(s.role());
        // as PostgreSQL: the server must exist, then permission is checked, and only then whether the mapping exists
        // (so a role without rights learns nothing about which mappings there are)
        Server server = b.servers.stream().filter(x -> x.name().equals(s.server())).findFirst()
                .orElseThrow(() -> undefined("server \"" + s.server() + "\""));
        cx.requireSuperuser("permission denied for foreign server " + s.server(), null);
        UserMapping um = b.userMappings.stream().filter(u -> u.role().equals(role) && u.server().equals(s.server())).findFirst()
                .orElseThrow(() -> new SqlError("42704", "user mapping for \"" + role + "\" does not exist for server \"" + s.server() + "\""));
        Map<String, String> options = sealApiKey(b, OptionLists.alter(um.options(), keyAware(um.options(), s.options())),
                "user mapping for " + role, cx);
        cx.validate(cx.sourceOfServer(b, server), null, OptionScope.USER_MAPPING, options);
        checkVaultReference(b, options);
        b.replace(b.userMappings, u -> u.oid() == um.oid(), new UserMapping(um.oid(), um.role(), um.server(), options));
    }

    static void dropUserMapping(Builder b, DropUserMapping s, DdlContext cx) {
        String role = cx.actor().roleName(s.role());
        if (b.servers.stream().noneMatch(x -> x.name().equals(s.server()))) {
            if (s.ifExists()) {
                cx.notice("00000", "server \"" + s.server() + "\" does not exist, skipping");
                return;
            }
            throw undefined("server \"" + s.server() + "\"");
        }
        cx.requireSuperuser("permission denied for foreign server " + s.server(), null);
        if (!b.userMappings.removeIf(u -> u.role().equals(role) && u.server().equals(s.server()))) {
            if (s.ifExists()) {
                cx.notice("00000", "user mapping for \"" + role + "\" does not exist for server \"" + s.server() + "\", skipping");
                return;
            }
            throw new SqlError("42704", "user mapping for \"" + role + "\" does not exist for server \"" + s.server() + "\"");
        }
    }

    /**
     * An {@code api_key} written in clear is moved into the vault inside the same transition, and the options
     * keep only its {@code api_key_id}: the clear key is never stored in server or mapping options.
     */
    static Map<String, String> sealApiKey(Builder b, Map<String, String> options, String owner, DdlContext cx) {
        String clear = options.get(Vault.API_KEY);
        if (clear == null) return options;
        Secret secret = cx.vault().add(b, null, clear, AUTO_SECRET_PREFIX + owner + AUTO_SECRET_SUFFIX);
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.equals(Vault.API_KEY)) out.put(Vault.API_KEY_ID, secret.id());
            else if (!k.equals(Vault.API_KEY_ID) && !k.equals(Vault.API_KEY_NAME)) out.put(k, v);
        });
        cx.notice("00000", "api_key of " + owner + " was stored in the vault as secret " + secret.id());
        return out;
    }

    /** A vault reference must name an existing secret, so a typo fails at DDL time rather than at first query. */
    static void checkVaultReference(Builder b, Map<String, String> options) {
        String id = options.get(Vault.API_KEY_ID);
        if (id != null && b.secrets.stream().noneMatch(x -> x.id().equalsIgnoreCase(id))) {
            throw new SqlError("HV024", "invalid value for option \"api_key_id\": no vault secret has id \"" + id + "\"");
        }
        String name = options.get(Vault.API_KEY_NAME);
        if (id == null && name != null && b.secrets.stream().noneMatch(x -> name.equals(x.name()))) {
            throw new SqlError("HV024", "invalid value for option \"api_key_name\": no vault secret is named \"" + name + "\"");
        }
    }
}
