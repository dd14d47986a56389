package io.wirewrap.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ThrowawayPostgresTest {
    @Test
    void startsAQueryablePostgres15() throws Exception {
        assumeTrue(ThrowawayPostgres.available(15), "PostgreSQL 15 binaries not installed");
        try (var pg = ThrowawayPostgres.start(15);
             var c = pg.connect();
             var rs = c.createStatement().executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            assertEquals(15, rs.getInt(1));
        }
    }
}
