package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogSnapshot;

/**
 * Static helpers behind the catalog functions psql and drivers call ({@code format_type},
 * {@code pg_get_userbyid}, {@code obj_description}, {@code col_description}, ...), for the query engine to
 * expose as SQL functions. They read the same snapshot the catalog relations are built from.
 */
public final class PgFunctions {
    private PgFunctions() {}

    public static String formatType(int typeOid, int typmod) {
        return PgTypes.formatType(typeOid, typmod);
    }

    /** {@code pg_get_userbyid}: PostgreSQL prints {@code unknown (OID=n)} for a missing role. */
    public static String userById(CatalogSnapshot snap, String bootstrapUser, int oid) {
        if (oid == CatalogView.BOOTSTRAP_ROLE_OID) return bootstrapUser;
        return snap.roles().stream().filter(r -> r.oid() == oid).map(r -> r.name()).findFirst()
                .orElse("unknown (OID=" + oid + ")");
    }

    /** {@code obj_description(oid, catalog)}, e.g. {@code ('pg_class')}; null when there is none. */
    public static String objDescription(CatalogSnapshot snap, int oid, String catalog) {
        return snap.comment(catalog, oid, 0).orElse(null);
    }

    /** {@code col_description(table_oid, attnum)}. */
    public static String colDescription(CatalogSnapshot snap, int tableOid, int attnum) {
        return snap.comment("pg_class", tableOid, attnum).orElse(null);
    }

    /** {@code pg_catalog.pg_get_function_result} style names for the vault functions listed in pg_proc. */
    public static String arrayLiteral(java.util.Collection<String> items) {
        return CatalogView.textArray(items);
    }
}
