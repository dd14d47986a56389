package io.wirewrap.sql.catalog;

import io.wirewrap.fdw.ColumnType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's object records. All immutable; option maps keep declaration order (PostgreSQL shows options in
 * the order they were written). OIDs are assigned once and persisted, so joins over pg_class/pg_attribute keep
 * working across restarts and across instances sharing a catalog.
 */
public final class CatalogObjects {
    private CatalogObjects() {}

    static Map<String, String> ordered(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public record Extension(int oid, String name, String schema, String version, String owner) {}

    public record Wrapper(int oid, String name, String handler, String validator, Map<String, String> options,
                          String owner) {
        public Wrapper {
            options = ordered(options);
        }
    }

    public record Server(int oid, String name, String wrapper, String type, String version, Map<String, String> options,
                         String owner) {
        public Server {
            options = ordered(options);
        }
    }

    /** {@code role} is a role name or {@code public}. */
    public record UserMapping(int oid, String role, String server, Map<String, String> options) {
        public UserMapping {
            options = ordered(options);
        }
    }

    public record Schema(int oid, String name, String owner) {}

    /** {@code attnum} is 1-based and never reused after a DROP COLUMN, as in PostgreSQL. */
    public record Column(int attnum, String name, ColumnType type, int typmod, boolean notNull, Map<String, String> options) {
        public Column {
            options = ordered(options);
        }
    }

    public record ForeignTable(int oid, String schema, String name, String server, List<Column> columns,
                               Map<String, String> options, String owner, int nextAttnum) {
        public ForeignTable {
            columns = List.copyOf(columns);
            options = ordered(options);
        }

        public Column column(String column) {
            for (Column c : columns) if (c.name().equals(column)) return c;
            return null;
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /** A role; {@code scramVerifier} in PostgreSQL's rolpassword format, null when it cannot log in by password. */
    public record Role(int oid, String name, boolean superuser, boolean login, boolean createdb, boolean createrole,
                       boolean inherit, int connectionLimit, String scramVerifier, List<String> memberOf) {
        public Role {
            memberOf = memberOf == null ? List.of() : List.copyOf(memberOf);
        }
    }

    /** A granted privilege, stored as written: {@code objectKind} null for role membership. */
    public record Grant(String privilege, String objectKind, String object, String grantee, String grantor,
                        boolean grantOption) {}

    /** pg_description's key: the catalog the object lives in, its OID and column number (0 for the object). */
    public record Comment(String classCatalog, int objectOid, int subId, String text) {}

    /**
     * A vault secret: AES-256-GCM ciphertext (with tag) and its 12-byte nonce, both base64. {@code keyId} is the
     * id of the secret (the old Supabase docs return {@code key_id} and use it as {@code api_key_id}).
     */
    public record Secret(String id, String name, String description, String nonce, String ciphertext,
                         String createdAt, String updatedAt) {}
}
