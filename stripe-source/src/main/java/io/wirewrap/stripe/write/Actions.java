package io.wirewrap.stripe.write;

import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.FunctionDef;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.plan.Encoding;
import io.wirewrap.stripe.scan.RowMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe actions that are neither insert, update nor delete (finalize an invoice, cancel a subscription, ...),
 * offered as set-returning functions in the foreign schema: {@code select * from stripe.invoice_finalize('in_1')}.
 * Each returns the object Stripe answered as {@code (id, object, status, attrs)}.
 */
public final class Actions {
    /** One action: its SQL name, HTTP method and path ({@code {id}} is the first argument), extra form arguments. */
    public record Action(String name, String method, String path, List<ColumnDef> extraArgs, String description) {}

    private static final List<ColumnDef> RESULT = List.of(ColumnDef.of("id", ColumnType.TEXT), ColumnDef.of("object", ColumnType.TEXT),
            ColumnDef.of("status", ColumnType.TEXT), ColumnDef.of("attrs", ColumnType.JSONB));

    /** The seed actions with their own argument lists, then every other action of the spec taking {@code params jsonb}. */
    public static final List<Action> ALL;

    private static final List<Action> NAMED = List.of(
            a("invoice_finalize", "POST", "/v1/invoices/{id}/finalize", "finalizes a draft invoice"),
            a("invoice_pay", "POST", "/v1/invoices/{id}/pay", "pays an open invoice"),
            a("invoice_void", "POST", "/v1/invoices/{id}/void", "voids an open invoice"),
            a("invoice_mark_uncollectible", "POST", "/v1/invoices/{id}/mark_uncollectible", "marks an invoice uncollectible"),
            a("invoice_send", "POST", "/v1/invoices/{id}/send", "sends an invoice to the customer"),
            new Action("payment_intent_confirm", "POST", "/v1/payment_intents/{id}/confirm",
                    List.of(ColumnDef.of("payment_method", ColumnType.TEXT)), "confirms a payment intent (payment_method may be NULL)"),
            a("payment_intent_cancel", "POST", "/v1/payment_intents/{id}/cancel", "cancels a payment intent"),
            new Action("payment_method_attach", "POST", "/v1/payment_methods/{id}/attach",
                    List.of(ColumnDef.of("customer", ColumnType.TEXT)), "attaches a payment method to a customer"),
            a("payment_method_detach", "POST", "/v1/payment_methods/{id}/detach", "detaches a payment method"),
            a("setup_intent_cancel", "POST", "/v1/setup_intents/{id}/cancel", "cancels a setup intent"),
            a("subscription_cancel", "DELETE", "/v1/subscriptions/{id}", "cancels a subscription at once"),
            a("payout_cancel", "POST", "/v1/payouts/{id}/cancel", "cancels a pending payout"),
            a("checkout_session_expire", "POST", "/v1/checkout/sessions/{id}/expire", "expires an open checkout session"),
            new Action("charge_refund", "POST", "/v1/refunds", List.of(ColumnDef.of("amount", ColumnType.INT8)),
                    "refunds a charge (amount NULL: in full)"));

    static {
        List<Action> all = new ArrayList<>(NAMED);
        for (var derived : io.wirewrap.stripe.registry.ObjectRegistry.get().actions()) {
            if (all.stream().noneMatch(a -> a.name().equals(derived.name()))) {
                all.add(new Action(derived.name(), "POST", derived.path(), List.of(ColumnDef.of("params", ColumnType.JSONB)),
                        "POST " + derived.path() + " (params: the form as a JSON object, may be NULL)"));
            }
        }
        ALL = List.copyOf(all);
    }

    private Actions() {}

    private static Action a(String name, String method, String path, String description) {
        return new Action(name, method, path, List.of(), description);
    }

    public static List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (Action a : ALL) {
            List<ColumnDef> args = new ArrayList<>();
            args.add(ColumnDef.of("id", ColumnType.TEXT));
            args.addAll(a.extraArgs());
            out.add(new FunctionDef(a.name(), args, RESULT, false, a.description()));
        }
        out.add(GenericRequest.definition(RESULT));
        return out;
    }

    public static RowStream call(StripeClient client, String function, List<Object> arguments, ScanContext ctx) {
        if (function.equals(GenericRequest.NAME)) return GenericRequest.call(client, arguments, RESULT, ctx);
        Action a = ALL.stream().filter(x -> x.name().equals(function)).findFirst()
                .orElseThrow(() -> new FdwException(SqlState.UNDEFINED_OBJECT, "function " + function + " does not exist"));
        if (arguments.isEmpty() || !(arguments.get(0) instanceof String id) || id.isEmpty()) {
            throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, function + ": the first argument is a Stripe id");
        }
        FormEncoder form = new FormEncoder();
        String path;
        if (a.name().equals("charge_refund")) {
            // refunds are created on /v1/refunds with the charge as a field
            form.add("charge", id, false, false);
            path = a.path();
        } else {
            path = Encoding.fill(a.path(), Map.of("id", id));
        }
        for (int i = 0; i < a.extraArgs().size(); i++) {
            Object v = i + 1 < arguments.size() ? arguments.get(i + 1) : null;
            ColumnDef arg = a.extraArgs().get(i);
            // a jsonb argument holds top-level form fields, flattened like attrs
            if (arg.type() == ColumnType.JSONB) form.add("attrs", v, true, false);
            else form.add(arg.name(), v, false, false);
        }
        String key = a.method().equals("POST") ? UUID.randomUUID().toString() : null;
        var resp = client.send(new StripeRequest(a.method(), path, a.method().equals("POST") ? form.encode() : null, key), ctx);
        if (resp.notFound()) throw new FdwException(SqlState.FDW_ERROR, "Stripe object " + id + " not found");
        Map<String, Object> none = new LinkedHashMap<>();
        RowMapper m = new RowMapper(RESULT.stream().map(ColumnDef::name).toList(), RESULT.stream().map(ColumnDef::type).toList(), none);
        return RowStream.of(List.<Object[]>of(m.map(resp.body())));
    }
}
