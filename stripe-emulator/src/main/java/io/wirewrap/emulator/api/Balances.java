package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;

import java.util.Map;

/** GET /v1/balance: per-currency available and pending sums of the account's balance transactions. */
final class Balances {
    private Balances() {}

    static ObjectNode render(AccountData data) {
        ObjectNode b = Json.object();
        b.put("object", "balance");
        ArrayNode available = b.putArray("available");
        ArrayNode pending = b.putArray("pending");
        Map<String, long[]> sums = data.balances();
        if (sums.isEmpty()) sums = Map.of("usd", new long[2]);
        sums.forEach((currency, v) -> {
            amount(available, currency, v[0]);
            amount(pending, currency, v[1]);
        });
        b.put("livemode", false);
        return b;
    }

    private static void amount(ArrayNode to, String currency, long value) {
        ObjectNode a = to.addObject();
        a.put("amount", value);
        a.put("currency", currency);
        a.putObject("source_types").put("card", value);
    }

    static ObjectNode platformAccount(AccountData data) {
        ObjectNode a = Json.object();
        a.put("id", "acct_emulatorplatform");
        a.put("object", "account");
        a.put("country", "US");
        a.put("default_currency", "usd");
        a.put("charges_enabled", true);
        a.put("payouts_enabled", true);
        a.put("type", "standard");
        return a;
    }
}
