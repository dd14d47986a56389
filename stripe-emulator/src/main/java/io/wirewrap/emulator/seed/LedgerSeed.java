package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Payouts from each week's net, topups, a token, a mandate and files: the account-level objects. */
final class LedgerSeed extends SeedContext {
    LedgerSeed(SeedContext context) { super(context); }

    /**
     * Weekly automatic payouts per currency over the last year, each paying out most of that week's net
     * charges and refunds, so balances stay positive as they would in a real account.
     */
    void payouts() {
        long first = epoch - 365 * DAY;
        data.type("balance_transaction").endLoad(); // read in list order below
        java.util.Map<String, long[]> weekly = new java.util.TreeMap<>();
        for (var o : data.type("balance_transaction").ordered().values()) {
            if (o.created() < first) break;
            ObjectNode txn = io.wirewrap.emulator.store.Json.parse(o.json());
            String type = txn.path("type").asText();
            if (!"charge".equals(type) && !"refund".equals(type)) continue;
            long[] weeks = weekly.computeIfAbsent(txn.path("currency").asText(), c -> new long[53]);
            weeks[(int) Math.min(52, (o.created() - first) / (7 * DAY))] += txn.path("net").asLong();
        }
        weekly.forEach((currency, weeks) -> {
            for (int w = 0; w < weeks.length; w++) {
                long amount = weeks[w] * 9 / 10;
                if (amount <= 0) continue;
                long t = first + (w + 1) * 7 * DAY;
                if (t >= epoch) t = epoch - 3600;
                ObjectNode po = factory.create("payout", id("po_"), t);
                po.put("amount", amount);
                po.put("currency", currency);
                po.put("arrival_date", t + 2 * DAY);
                po.put("status", t + 2 * DAY < epoch ? "paid" : "in_transit");
                po.put("automatic", true);
                po.put("method", "standard");
                po.put("type", "bank_account");
                po.putNull("destination");
                po.putNull("failure_balance_transaction");
                po.put("balance_transaction", ledger("payout", po.get("id").asText(), -amount, 0, currency, t));
                put(po);
            }
        });
    }

    void treasuryOddments() {
        for (int i = 0; i < 4; i++) {
            long created = between(epoch - 300 * DAY, epoch);
            ObjectNode tu = factory.create("topup", id("tu_"), created);
            long amount = 50_000 + r.nextInt(200_000);
            tu.put("amount", amount);
            tu.put("currency", "usd");
            tu.put("status", "succeeded");
            tu.put("description", "Top-up for refunds");
            tu.put("balance_transaction", ledger("topup", tu.get("id").asText(), amount, 0, "usd", created));
            put(tu);
        }
        PaymentSeed files = new PaymentSeed(this);
        files.evidenceFile(epoch - 90 * DAY);
        files.evidenceFile(epoch - 10 * DAY);
        ObjectNode tok = factory.create("token", id("tok_"), epoch - DAY);
        tok.put("type", "card");
        tok.put("used", false);
        data.put(tok);
        ObjectNode mandate = factory.create("mandate", id("mandate_"), epoch - DAY);
        data.put(mandate);
    }
}
