package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.emulator.spec.Operation;
import io.wirewrap.emulator.spec.StripeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation the emulator implements answers with JSON that validates against the spec's 200 response
 * schema for that operation (and errors against the {@code error} schema): lists with seeded data of every
 * type, retrieves, searches, creates, updates, deletes and actions.
 */
class SchemaConformanceTest {
    static StripeEmulator emu;
    static Client client;
    static StripeSpec spec = StripeSpec.get();
    static SchemaValidator validator = new SchemaValidator(spec);
    static final List<String> failures = new ArrayList<>();
    static final Set<String> covered = new LinkedHashSet<>();

    @BeforeAll
    static void start() {
        emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customers(120)));
        client = new Client(emu);
    }

    @AfterAll
    static void stop() { emu.close(); }

    /** Validates {@code r} against the operation {@code method template}; returns the body. */
    static JsonNode check(String method, String template, Client.Response r) {
        Operation op = spec.operations().stream().filter(o -> o.method().equals(method) && o.path().template().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError("no operation " + method + " " + template));
        if (r.status() != 200) {
            failures.add(method + " " + template + ": status " + r.status() + " " + r.json());
            return r.json();
        }
        List<String> errors = validator.validate(r.json(), op.responseSchema());
        errors.stream().limit(5).forEach(e -> failures.add(method + " " + template + ": " + e));
        covered.add(method + " " + template);
        return r.json();
    }

    static Set<String> requiredQuery(String template) {
        return spec.operations().stream().filter(o -> o.method().equals("GET") && o.path().template().equals(template))
                .findFirst().orElseThrow().requiredQuery();
    }

    static boolean hasLimit(String template) {
        return spec.operations().stream().anyMatch(o -> o.method().equals("GET") && o.path().template().equals(template)
                && o.queryParams().contains("limit"));
    }

    static String first(String listPath, String... query) {
        JsonNode data = client.get(listPath, query).json().get("data");
        assertTrue(data.size() > 0, "seeded " + listPath);
        return data.get(0).get("id").asText();
    }

    @Test
    void everyImplementedOperationValidates() {
        // every top-level list endpoint, with seeded data where the seed has some
        for (StripeSpec.ListEndpoint e : spec.listEndpoints()) {
            if (!e.pathParams().isEmpty()) continue;
            String t = e.path().template();
            if (t.equals("/v1/credit_notes/preview/lines")) continue;
            List<String> q = new ArrayList<>();
            if (hasLimit(t)) q.addAll(List.of("limit", "100"));
            for (String required : requiredQuery(t)) {
                q.add(required);
                q.add(required.equals("setup_intent") ? first("setup_intents") : "x_unknown");
            }
            if (t.startsWith("/v1/invoices/upcoming")) continue;
            check("GET", t, client.get(t.substring(4), q.toArray(String[]::new)));
        }
        // expanded lists
        check("GET", "/v1/charges", client.get("charges", "limit", "20", "expand[]", "data.customer"));
        check("GET", "/v1/invoices", client.get("invoices", "limit", "20", "expand[]", "data.customer", "expand[]", "data.subscription"));
        // retrieves of seeded objects of every type that has any
        String[][] retrieves = {{"customers", "/v1/customers/{customer}"}, {"charges", "/v1/charges/{charge}"},
                {"payment_intents", "/v1/payment_intents/{intent}"}, {"invoices", "/v1/invoices/{invoice}"},
                {"subscriptions", "/v1/subscriptions/{subscription_exposed_id}"}, {"prices", "/v1/prices/{price}"},
                {"products", "/v1/products/{id}"}, {"refunds", "/v1/refunds/{refund}"}, {"payouts", "/v1/payouts/{payout}"},
                {"balance_transactions", "/v1/balance_transactions/{id}"}, {"events", "/v1/events/{id}"},
                {"payment_methods", "/v1/payment_methods/{payment_method}"}, {"setup_intents", "/v1/setup_intents/{intent}"},
                {"coupons", "/v1/coupons/{coupon}"}, {"plans", "/v1/plans/{plan}"}, {"promotion_codes", "/v1/promotion_codes/{promotion_code}"},
                {"tax_rates", "/v1/tax_rates/{tax_rate}"}, {"subscription_items", "/v1/subscription_items/{item}"},
                {"accounts", "/v1/accounts/{account}"}, {"transfers", "/v1/transfers/{transfer}"}, {"topups", "/v1/topups/{topup}"},
                {"disputes", "/v1/disputes/{dispute}"}, {"files", "/v1/files/{file}"}, {"file_links", "/v1/file_links/{link}"},
                {"checkout/sessions", "/v1/checkout/sessions/{session}"}, {"invoiceitems", "/v1/invoiceitems/{invoiceitem}"}};
        for (String[] r : retrieves) {
            String[] q = r[0].equals("subscription_items") ? new String[]{"subscription", first("subscriptions")} : new String[0];
            String id = first(r[0], q);
            check("GET", r[1], client.get(r[0] + "/" + id));
        }
        String tokenId = emu.store().list("token").get(0).get("id").asText();
        check("GET", "/v1/tokens/{token}", client.get("tokens/" + tokenId));
        String mandateId = emu.store().list("mandate").get(0).get("id").asText();
        check("GET", "/v1/mandates/{mandate}", client.get("mandates/" + mandateId));
        check("GET", "/v1/charges/{charge}", client.get("charges/" + first("charges"), "expand[]", "customer", "expand[]", "payment_intent"));
        check("GET", "/v1/balance", client.get("balance"));
        // nested lists
        String customer = emu.store().list("payment_method").get(0).get("customer").asText();
        check("GET", "/v1/customers/{customer}/payment_methods", client.get("customers/" + customer + "/payment_methods"));
        check("GET", "/v1/invoices/{invoice}/lines", client.get("invoices/" + first("invoices") + "/lines"));
        check("GET", "/v1/charges/{charge}/refunds", client.get("charges/" + first("charges") + "/refunds"));
        // searches
        for (String s : List.of("customers", "charges", "invoices", "payment_intents", "prices", "products", "subscriptions")) {
            String query = s.equals("prices") || s.equals("products") ? "active:'true' OR metadata['plan']:'pro'"
                    : "metadata['plan']:'pro' OR created>0";
            check("GET", "/v1/" + s + "/search", client.get(s + "/search", "query", query, "limit", "50"));
        }
        writes();
        assertTrue(failures.isEmpty(), failures.size() + " violations:\n" + String.join("\n", failures));
        assertTrue(covered.size() >= 120, "covered only " + covered.size() + ": " + covered);
    }

    private void writes() {
        JsonNode cus = check("POST", "/v1/customers", client.post("customers", "email", "schema@example.com", "name", "Schema",
                "metadata[a]", "b", "address[city]", "Berlin", "address[country]", "DE"));
        String c = cus.get("id").asText();
        check("POST", "/v1/customers/{customer}", client.post("customers/" + c, "description", "checked", "balance", "100"));
        String txi = check("POST", "/v1/customers/{customer}/tax_ids", client.post("customers/" + c + "/tax_ids", "type", "eu_vat",
                "value", "DE123456789")).get("id").asText();
        check("DELETE", "/v1/customers/{customer}/tax_ids/{id}", client.delete("customers/" + c + "/tax_ids/" + txi));
        String cbtxn = check("POST", "/v1/customers/{customer}/balance_transactions", client.post("customers/" + c + "/balance_transactions",
                "amount", "-500", "currency", "usd")).get("id").asText();
        check("POST", "/v1/customers/{customer}/balance_transactions/{transaction}",
                client.post("customers/" + c + "/balance_transactions/" + cbtxn, "description", "checked"));
        JsonNode prod = check("POST", "/v1/products", client.post("products", "name", "Schema product", "metadata[x]", "y"));
        String p = prod.get("id").asText();
        check("POST", "/v1/products/{id}", client.post("products/" + p, "description", "described"));
        JsonNode price = check("POST", "/v1/prices", client.post("prices", "product", p, "currency", "usd", "unit_amount", "999",
                "recurring[interval]", "month"));
        check("POST", "/v1/prices", client.post("prices", "product_data[name]", "Inline", "currency", "eur", "unit_amount", "500"));
        check("POST", "/v1/prices/{price}", client.post("prices/" + price.get("id").asText(), "nickname", "Monthly"));
        check("POST", "/v1/plans", client.post("plans", "amount", "1000", "currency", "usd", "interval", "month", "product", p));
        JsonNode pm = check("POST", "/v1/payment_methods", client.post("payment_methods", "type", "card"));
        String pmId = pm.get("id").asText();
        check("POST", "/v1/payment_methods/{payment_method}/attach", client.post("payment_methods/" + pmId + "/attach", "customer", c));
        JsonNode pi = check("POST", "/v1/payment_intents", client.post("payment_intents", "amount", "2500", "currency", "usd", "customer", c));
        String piId = pi.get("id").asText();
        check("POST", "/v1/payment_intents/{intent}", client.post("payment_intents/" + piId, "description", "updated"));
        JsonNode confirmed = check("POST", "/v1/payment_intents/{intent}/confirm", client.post("payment_intents/" + piId + "/confirm", "payment_method", pmId));
        String ch = confirmed.get("latest_charge").asText();
        check("POST", "/v1/charges/{charge}", client.post("charges/" + ch, "description", "charged"));
        check("POST", "/v1/refunds", client.post("refunds", "charge", ch, "amount", "100"));
        check("POST", "/v1/charges/{charge}/refunds", client.post("charges/" + ch + "/refunds", "amount", "100"));
        JsonNode pi2 = client.post("payment_intents", "amount", "700", "currency", "usd").json();
        check("POST", "/v1/payment_intents/{intent}/cancel", client.post("payment_intents/" + pi2.get("id").asText() + "/cancel"));
        check("POST", "/v1/charges", client.post("charges", "amount", "1000", "currency", "usd", "customer", c, "source", "tok_visa"));
        JsonNode sub = check("POST", "/v1/subscriptions", client.post("subscriptions", "customer", c, "items[0][price]", price.get("id").asText()));
        String subId = sub.get("id").asText();
        check("POST", "/v1/subscriptions/{subscription_exposed_id}", client.post("subscriptions/" + subId, "metadata[k]", "v"));
        check("POST", "/v1/subscription_items", client.post("subscription_items", "subscription", subId, "price", price.get("id").asText()));
        check("DELETE", "/v1/subscriptions/{subscription_exposed_id}", client.delete("subscriptions/" + subId));
        check("POST", "/v1/invoiceitems", client.post("invoiceitems", "customer", c, "amount", "300", "currency", "usd"));
        JsonNode inv = check("POST", "/v1/invoices", client.post("invoices", "customer", c));
        String in = inv.get("id").asText();
        check("POST", "/v1/invoices/{invoice}", client.post("invoices/" + in, "description", "desc"));
        check("POST", "/v1/invoices/{invoice}/finalize", client.post("invoices/" + in + "/finalize"));
        check("POST", "/v1/invoices/{invoice}/pay", client.post("invoices/" + in + "/pay"));
        JsonNode inv2 = client.post("invoices", "customer", c).json();
        client.post("invoices/" + inv2.get("id").asText() + "/finalize");
        check("POST", "/v1/invoices/{invoice}/void", client.post("invoices/" + inv2.get("id").asText() + "/void"));
        JsonNode inv3 = client.post("invoices", "customer", c).json();
        check("DELETE", "/v1/invoices/{invoice}", client.delete("invoices/" + inv3.get("id").asText()));
        check("POST", "/v1/coupons", client.post("coupons", "percent_off", "25", "duration", "once", "id", "SCHEMA25"));
        check("POST", "/v1/promotion_codes", client.post("promotion_codes", "coupon", "SCHEMA25"));
        check("DELETE", "/v1/coupons/{coupon}", client.delete("coupons/SCHEMA25"));
        JsonNode tok = check("POST", "/v1/tokens", client.post("tokens", "card[number]", "4000056655665556", "card[exp_month]", "12",
                "card[exp_year]", "2031", "card[cvc]", "123"));
        assertEquals("5556", tok.at("/card/last4").asText());
        assertEquals(12, tok.at("/card/exp_month").asInt());
        assertTrue(tok.at("/card/number").isMissingNode(), "the card number is never echoed");
        check("POST", "/v1/accounts", client.post("accounts", "type", "custom", "country", "US"));
        check("POST", "/v1/transfers", client.post("transfers", "amount", "100", "currency", "usd", "destination", first("accounts")));
        check("POST", "/v1/quotes", client.post("quotes", "customer", c));
        check("POST", "/v1/credit_notes", client.post("credit_notes", "invoice", in, "amount", "50"));
        check("POST", "/v1/file_links", client.post("file_links", "file", first("files")));
        check("POST", "/v1/tax_rates", client.post("tax_rates", "display_name", "VAT", "percentage", "21", "inclusive", "false"));
        JsonNode si = check("POST", "/v1/setup_intents", client.post("setup_intents", "customer", c, "payment_method", pmId));
        check("POST", "/v1/setup_intents/{intent}/confirm", client.post("setup_intents/" + si.get("id").asText() + "/confirm"));
        check("POST", "/v1/payouts", client.post("payouts", "amount", "1000", "currency", "usd"));
        check("POST", "/v1/topups", client.post("topups", "amount", "1000", "currency", "usd"));
        check("POST", "/v1/checkout/sessions", client.post("checkout/sessions", "mode", "payment", "success_url", "https://example.com/ok",
                "line_items[0][price]", price.get("id").asText(), "line_items[0][quantity]", "1"));
        JsonNode cs = client.get("checkout/sessions", "limit", "1").json().get("data").get(0);
        check("GET", "/v1/checkout/sessions/{session}/line_items", client.get("checkout/sessions/" + cs.get("id").asText() + "/line_items"));
        check("POST", "/v1/payment_methods/{payment_method}/detach", client.post("payment_methods/" + pmId + "/detach"));
        check("DELETE", "/v1/customers/{customer}", client.delete("customers/" + c));
        check("GET", "/v1/customers/{customer}", client.get("customers/" + c));
        check("DELETE", "/v1/products/{id}", client.delete("products/" + client.post("products", "name", "Disposable").json().get("id").asText()));
        // errors are Stripe error objects
        Client.Response err = client.get("customers/cus_missing");
        assertEquals(404, err.status());
        List<String> e = validator.validate(err.json(), spec.schema("error"));
        assertTrue(e.isEmpty(), e.toString());
    }
}
