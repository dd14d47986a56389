package io.wirewrap.sql.catalog;

import io.wirewrap.sql.catalog.CatalogObjects.Comment;
import io.wirewrap.sql.catalog.CatalogObjects.Schema;
import java.nio.file.Path;

/**
 * Child process of {@link CrashSafetyTest}: applies catalog changes in a loop on a data directory until it is
 * killed. Each change adds one schema and rewrites a large comment, so every version is recognisable (schema
 * count = version + 1) and each write takes long enough for kills to land mid-write. Prints
 * {@code committed <version>} after each durable write.
 */
public final class CrashLoopMain {
    public static void main(String[] args) {
        CatalogService catalog = new CatalogService(new FileCatalogStore(Path.of(args[0])), "postgres");
        String padding = "x".repeat(16 * 1024);
        System.out.println("ready " + catalog.snapshot().version());
        System.out.flush();
        while (true) {
            CatalogSnapshot next = catalog.apply(b -> {
                long v = b.peek().version() + 1;
                b.schemas.add(new Schema(b.newOid(), "s" + v, "postgres"));
                b.comments.clear();
                b.comments.add(new Comment("pg_namespace", CatalogSnapshot.PUBLIC_SCHEMA_OID, 0, "version " + v + " " + padding));
                return b.peek();
            });
            System.out.println("committed " + (next.version() + 1));
            System.out.flush();
        }
    }
}
