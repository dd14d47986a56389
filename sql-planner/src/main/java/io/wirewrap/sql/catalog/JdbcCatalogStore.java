package io.wirewrap.sql.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wirewrap.sql.api.SqlError;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Shared mode: snapshots live in a PostgreSQL table, one row per version, so every wirewrap instance behind a
 * load balancer sees one catalog. A write inserts version n+1; the primary key makes two concurrent writers
 * collide, and the loser re-reads and re-applies its statement. Old versions beyond the last few are pruned.
 */
public final class JdbcCatalogStore implements CatalogStore {
    private static final int KEEP_VERSIONS = 20;
    private final HikariDataSource pool;
    private final String table;

    public JdbcCatalogStore(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, "wirewrap_catalog");
    }

    public JdbcCatalogStore(String jdbcUrl, String user, String password, String table) {
        if (!table.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad catalog table name " + table);
        this.table = table;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        if (user != null) cfg.setUsername(user);
        if (password != null) cfg.setPassword(password);
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("wirewrap-catalog");
        cfg.setInitializationFailTimeout(10_000);
        this.pool = new HikariDataSource(cfg);
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("create table if not exists " + table + " (version bigint primary key, document text not null, "
                    + "written_at timestamptz not null default now())");
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot prepare shared catalog table: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CatalogSnapshot> load() {
        try (Connection c = pool.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select document from " + table + " order by version desc limit 1")) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(SnapshotCodec.decode(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            throw new SqlError("58030", "cannot read shared catalog: " + e.getMessage(), null, null, 0, e);
        }
    }

    @Override
    public long currentVersion() {
        try (Connection c = pool.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SqlError("58030", "cannot read shared catalog: " + e.getMessage(), null, null, 0, e);
        }
    }

    @Override
    public void write(CatalogSnapshot next, long expectedVersion) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long current;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + table)) {
                    rs.next();
                    current = rs.getLong(1);
                }
                if (current != expectedVersion) {
                    c.rollback();
                    throw new ConcurrentCatalogChange("catalog changed from version " + expectedVersion + " to " + current);
                }
                try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (version, document) values (?, ?)")) {
                    ps.setLong(1, next.version());
                    ps.setString(2, new String(SnapshotCodec.encode(next), StandardCharsets.UTF_8));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where version < ?")) {
                    ps.setLong(1, next.version() - KEEP_VERSIONS);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new ConcurrentCatalogChange("another instance wrote catalog version " + next.version());
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new SqlError("58030", "cannot write shared catalog: " + e.getMessage(), null, null, 0, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
