package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A pgjdbc batch longer than the backend's inbox (256 queued messages, then the socket is not read until the
 * worker caught up) must not stall: the batched executions are taken from the inbox in bulk, and reading
 * resumes then too.
 */
class LargePipelinedBatchTest {
    @Test
    void aBatchOfSixHundredInsertsLongerThanTheInboxCompletes() throws Exception {
        int n = 600; // Bind + Execute each: 1,200 messages, pipelined by pgjdbc before reading
        try (var stack = new FullStack(5, "pw"); Connection c = stack.jdbc()) {
            c.createStatement().execute("alter server stripe_server options (add rate_limit '10000')");
            try (var ps = c.prepareStatement("insert into stripe.customers (email, name) values (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "pipe" + i + "@example.com");
                    ps.setString(2, "Pipe " + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(n, counts.length);
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from stripe.customers where email like 'pipe%'")) {
                assertTrue(rs.next());
                assertEquals(n, rs.getInt(1));
            }
        }
    }
}
