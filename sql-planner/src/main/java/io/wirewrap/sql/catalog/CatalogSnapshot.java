package io.wirewrap.sql.catalog;

import io.wirewrap.sql.catalog.CatalogObjects.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One consistent, immutable state of the whole catalog. Every DDL statement maps a snapshot to the next one
 * ({@link Builder}); the store persists whole snapshots, so a reader never sees half a statement.
 * {@code version} increases by one per change; {@code nextOid} is the next OID to hand out.
 */
public record CatalogSnapshot(long version, int nextOid, List<Extension> extensions, List<Wrapper> wrappers,
                              List<Server> servers, List<UserMapping> userMappings, List<Schema> schemas,
                              List<ForeignTable> tables, List<Role> roles, List<Grant> grants, List<Comment> comments,
                              List<Secret> secrets) {
    /** PostgreSQL's FirstNormalObjectId: user objects get OIDs from here on. */
    public static final int FIRST_USER_OID = 16384;
    public static final int PUBLIC_SCHEMA_OID = 2200;

    public CatalogSnapshot {
        extensions = List.copyOf(extensions);
        wrappers = List.copyOf(wrappers);
        servers = List.copyOf(servers);
        userMappings = List.copyOf(userMappings);
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        roles = List.copyOf(roles);
        grants = List.copyOf(grants);
        comments = List.copyOf(comments);
        secrets = List.copyOf(secrets);
    }

    /** A fresh catalog: just the {@code public} schema, owned by the bootstrap superuser. */
    public static CatalogSnapshot initial(String bootstrapOwner) {
        return new CatalogSnapshot(0, FIRST_USER_OID, List.of(), List.of(), List.of(), List.of(),
                List.of(new Schema(PUBLIC_SCHEMA_OID, "public", bootstrapOwner)), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    private static <T> Optional<T> first(List<T> list, Predicate<T> p) {
        for (T t : list) if (p.test(t)) return Optional.of(t);
        return Optional.empty();
    }

    public Optional<Extension> extension(String name) {
        return first(extensions, e -> e.name().equals(name));
    }

    public Optional<Wrapper> wrapper(String name) {
        return first(wrappers, w -> w.name().equals(name));
    }

    public Optional<Server> server(String name) {
        return first(servers, s -> s.name().equals(name));
    }

    public Optional<UserMapping> userMapping(String role, String server) {
        return first(userMappings, u -> u.role().equals(role) && u.server().equals(server));
    }

    public Optional<Schema> schema(String name) {
        return first(schemas, s -> s.name().equals(name));
    }

    public Optional<ForeignTable> table(String schema, String name) {
        return first(tables, t -> t.schema().equals(schema) && t.name().equals(name));
    }

    public Optional<ForeignTable> tableByOid(int oid) {
        return first(tables, t -> t.oid() == oid);
    }

    public Optional<Role> role(String name) {
        return first(roles, r -> r.name().equals(name));
    }

    public Optional<Secret> secretById(String id) {
        return first(secrets, s -> s.id().equalsIgnoreCase(id));
    }

    public Optional<Secret> secretByName(String name) {
        return first(secrets, s -> name.equals(s.name()));
    }

    public Optional<String> comment(String classCatalog, int oid, int subId) {
        return first(comments, c -> c.classCatalog().equals(classCatalog) && c.objectOid() == oid && c.subId() == subId)
                .map(Comment::text);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable working copy for one transition; discarded when the statement fails, so nothing half-applies. */
    public static final class Builder {
        private final long version;
        public int nextOid;
        public final List<Extension> extensions;
        public final List<Wrapper> wrappers;
        public final List<Server> servers;
        public final List<UserMapping> userMappings;
        public final List<Schema> schemas;
        public final List<ForeignTable> tables;
        public final List<Role> roles;
        public final List<Grant> grants;
        public final List<Comment> comments;
        public final List<Secret> secrets;

        Builder(CatalogSnapshot s) {
            version = s.version;
            nextOid = s.nextOid;
            extensions = new ArrayList<>(s.extensions);
            wrappers = new ArrayList<>(s.wrappers);
            servers = new ArrayList<>(s.servers);
            userMappings = new ArrayList<>(s.userMappings);
            schemas = new ArrayList<>(s.schemas);
            tables = new ArrayList<>(s.tables);
            roles = new ArrayList<>(s.roles);
            grants = new ArrayList<>(s.grants);
            comments = new ArrayList<>(s.comments);
            secrets = new ArrayList<>(s.secrets);
        }

        public int newOid() {
            return nextOid++;
        }

        /** The current state of the working copy (same version: it is not persisted yet). */
        public CatalogSnapshot peek() {
            return new CatalogSnapshot(version, nextOid, extensions, wrappers, servers, userMappings, schemas, tables,
                    roles, grants, comments, secrets);
        }

        /** The next version. */
        public CatalogSnapshot build() {
            return new CatalogSnapshot(version + 1, nextOid, extensions, wrappers, servers, userMappings, schemas,
                    tables, roles, grants, comments, secrets);
        }

        public <T> boolean replace(List<T> list, Predicate<T> which, T with) {
            for (int i = 0; i < list.size(); i++) {
                if (which.test(list.get(i))) {
                    list.set(i, with);
                    return true;
                }
            }
            return false;
        }
    }
}
