package io.wirewrap.stripe.registry;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 23 tables of the Supabase wrappers Stripe page (docs/catalog/stripe.md), with exactly its column names and
 * types, so that SQL written for wrappers works unchanged. These are product decisions of wrappers, not facts of
 * the spec, which is why they are written out here rather than derived. {@code attrs jsonb} closes every table.
 */
public final class WrappersTables {
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        t("accounts", "id text, business_type text, country text, email text, type text, created timestamp");
        t("balance", "balance_type text, amount bigint, currency text");
        t("balance_transactions", "id text, amount bigint, currency text, description text, fee bigint, net bigint, "
                + "status text, type text, created timestamp");
        t("charges", "id text, amount bigint, currency text, customer text, description text, invoice text, "
                + "payment_intent text, status text, created timestamp");
        t("checkout/sessions", "id text, customer text, payment_intent text, subscription text");
        t("customers", "id text, email text, name text, description text, created timestamp");
        t("disputes", "id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                + "status text, created timestamp");
        t("events", "id text, type text, api_version text, created timestamp");
        t("files", "id text, filename text, purpose text, title text, size bigint, type text, url text, "
                + "created timestamp, expires_at timestamp");
        t("file_links", "id text, file text, url text, created timestamp, expired bool, expires_at timestamp");
        t("invoices", "id text, customer text, subscription text, status text, total bigint, currency text, "
                + "period_start timestamp, period_end timestamp");
        t("mandates", "id text, payment_method text, status text, type text");
        t("payment_intents", "id text, customer text, amount bigint, currency text, payment_method text, created timestamp");
        t("payouts", "id text, amount bigint, currency text, arrival_date timestamp, description text, "
                + "statement_descriptor text, status text, created timestamp");
        t("prices", "id text, active bool, currency text, product text, unit_amount bigint, type text, created timestamp");
        t("products", "id text, name text, active bool, default_price text, description text, created timestamp, "
                + "updated timestamp");
        t("refunds", "id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                + "status text, created timestamp");
        t("setup_attempts", "id text, application text, customer text, on_behalf_of text, payment_method text, "
                + "setup_intent text, status text, usage text, created timestamp");
        t("setup_intents", "id text, client_secret text, customer text, description text, payment_method text, "
                + "status text, usage text, created timestamp");
        t("subscriptions", "id text, customer text, currency text, current_period_start timestamp, "
                + "current_period_end timestamp");
        t("tokens", "id text, type text, client_ip text, created timestamp, livemode boolean, used boolean");
        t("topups", "id text, amount bigint, currency text, description text, status text, created timestamp");
        t("transfers", "id text, amount bigint, currency text, description text, destination text, created timestamp");
    }

    private WrappersTables() {}

    private static void t(String object, String columns) {
        TABLES.put(object, columns);
    }

    public static List<String> objects() {
        return List.copyOf(TABLES.keySet());
    }

    /** The wrappers column list for {@code object} (with {@code attrs}), or null when wrappers has no such table. */
    public static List<ColumnDef> columns(String object) {
        String spec = TABLES.get(object);
        if (spec == null) return null;
        List<ColumnDef> cols = new ArrayList<>();
        for (String c : spec.split(",\\s*")) {
            int sp = c.indexOf(' ');
            cols.add(ColumnDef.of(c.substring(0, sp), ColumnType.fromSql(c.substring(sp + 1)).orElseThrow()));
        }
        cols.add(ColumnDef.of("attrs", ColumnType.JSONB));
        return cols;
    }
}
