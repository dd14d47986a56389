package io.wirewrap.sql.ddl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void masksApiKeyOptionsAndPasswordsButKeepsTheRest() {
        String sql = "create server s foreign data wrapper w options (api_key 'sk_test_123', api_url 'http://x/')";
        assertEquals("create server s foreign data wrapper w options (api_key '********', api_url 'http://x/')", SecretMasker.mask(sql));
        assertEquals("alter role bob password '********'", SecretMasker.mask("alter role bob password 'hunter2'"));
        assertEquals("alter server s options (set api_key '********')", SecretMasker.mask("alter server s options (set api_key 'k''ey')"));
        assertEquals(List.of("sk_test_123"), SecretMasker.secretsIn(sql));
    }

    @Test
    void masksEveryLiteralOfVaultStatements() {
        assertEquals("select vault.create_secret('********', '********', '********')",
                SecretMasker.mask("select vault.create_secret('sk_live_x', 'stripe', 'Stripe key')"));
        assertEquals("insert into vault.secrets (name, secret) values ('********', '********') returning key_id",
                SecretMasker.mask("insert into vault.secrets (name, secret) values ('stripe', 'sk_live_y') returning key_id"));
        assertEquals("update vault.secrets set secret = '********' where name = '********'",
                SecretMasker.mask("update vault.secrets set secret = $$sk_z$$ where name = 'stripe'"));
    }

    @Test
    void ordinaryStatementsAreUnchanged() {
        String sql = "select * from stripe.customers where email = 'a@b.c' and \"api_key\" = 1";
        assertEquals(sql, SecretMasker.mask(sql));
    }

    @Test
    void scrubRemovesKnownSecretsFromMessages() {
        assertEquals("bad key ******** for server", SecretMasker.scrub("bad key sk_live_abc for server", List.of("sk_live_abc")));
    }
}
