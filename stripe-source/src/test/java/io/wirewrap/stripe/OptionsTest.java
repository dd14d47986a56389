package io.wirewrap.stripe;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.OptionScope;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    final StripeSource src = new StripeSource();

    private String state(OptionScope scope, Map<String, String> opts) {
        return assertThrows(FdwException.class, () -> src.validateOptions(scope, opts)).sqlState();
    }

    @Test
    void serverOptions() {
        assertDoesNotThrow(() -> src.validateOptions(OptionScope.SERVER, Map.of("api_key_id", "9b1c", "api_url",
                "https://gateway.example/stripe/v1/", "api_version", "2023-08-16", "account", "acct_1", "headers",
                "X-Connection-Id=abc,X-Other=1", "rate_limit", "10", "timeout_ms", "5000", "max_retries", "2",
                "search", "auto", "parallelism", "4")));
        assertEquals("HV00D", state(OptionScope.SERVER, Map.of("api_kee", "x")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("api_url", "ftp://x")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("rate_limit", "-1")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("search", "sometimes")));
        assertEquals("HV024", state(OptionScope.FOREIGN_TABLE, Map.of("scan_history", "sometimes")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("headers", "Authorization=Bearer x")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("headers", "X-A=1\r\nX-B: 2")));
        assertEquals("HV024", state(OptionScope.SERVER, Map.of("max_retries", "x")));
    }

    @Test
    void tableOptions() {
        assertDoesNotThrow(() -> src.validateOptions(OptionScope.FOREIGN_TABLE, Map.of("object", "checkout/sessions", "rowid_column", "id")));
        assertEquals("HV00J", state(OptionScope.FOREIGN_TABLE, Map.of("rowid_column", "id")));
        FdwException e = assertThrows(FdwException.class, () -> src.validateOptions(OptionScope.FOREIGN_TABLE, Map.of("object", "customerz")));
        assertEquals("HV024", e.sqlState());
        assertTrue(e.getMessage().contains("customerz"));
        assertEquals("HV00D", state(OptionScope.FOREIGN_TABLE, Map.of("object", "customers", "api_key", "x")));
    }

    @Test
    void secretsNeverInErrors() {
        FdwException e = assertThrows(FdwException.class, () -> src.validateOptions(OptionScope.SERVER, Map.of("api_key", "sk_test_abc\n")));
        assertFalse(String.valueOf(e.getMessage()).contains("sk_test_abc"));
        assertFalse(String.valueOf(e.detail()).contains("sk_test_abc"));
    }
}
