package io.wirewrap.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads a query's rows the way a JDBC application reads a big result: in a transaction, a fetch size at a time. */
public final class FetchScan {
    private FetchScan() {}

    /**
     * The number of rows {@code sql} returns on {@code c} (autocommit is turned off: pgjdbc honours the fetch size
     * only inside a transaction). Throws if a row's first column is NULL, so every row is really read.
     */
    public static long rows(Connection c, String sql, int fetchSize) throws SQLException {
        c.setAutoCommit(false);
        long n = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    if (rs.getString(1) == null) throw new IllegalStateException("row " + n + " has no first column");
                    n++;
                }
            }
        }
        c.commit();
        return n;
    }
}
