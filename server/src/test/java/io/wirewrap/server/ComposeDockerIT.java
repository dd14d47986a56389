package io.wirewrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirewrap.testkit.RepoPaths;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code docker compose -f docker/compose.yaml up --build} for real, where a Docker engine exists (skipped
 * otherwise; {@link RuntimeLayoutIT} runs the same scenario without Docker): the application's PostgreSQL 16
 * reaches Stripe through postgres_fdw, wirewrap and the emulator, as the compose file's header promises.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeDockerIT {
    private static final ComposeFile COMPOSE = ComposeFile.read(RepoPaths.root().resolve("docker/compose.yaml"));

    @Container
    static final ComposeContainer STACK = new ComposeContainer(COMPOSE.file.toFile())
            .withLocalCompose(true)
            .withBuild(true)
            .withExposedService("postgres", 5432, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void postgres16QueriesStripeThroughPostgresFdw() throws Exception {
        String host = STACK.getServiceHost("postgres", 5432);
        int port = STACK.getServicePort("postgres", 5432);
        String password = Files.readString(COMPOSE.secretFile("postgres_password")).strip();
        String customers = COMPOSE.command("emulator").get(COMPOSE.command("emulator").indexOf("--customers") + 1);
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", password);
             Statement st = pg.createStatement()) {
            try (ResultSet rs = st.executeQuery("select count(*), current_setting('server_version_num')::int / 10000 from stripe.customers")) {
                rs.next();
                assertEquals(customers, rs.getString(1));
                assertEquals(16, rs.getInt(2));
            }
        }
    }
}
