package io.wirewrap.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.api.Ids;

/** One customer with everything that hangs off it. */
final class CustomerSeed extends SeedContext {
    private final PaymentSeed payments = new PaymentSeed(this);
    private final BillingSeed billing = new BillingSeed(this);

    CustomerSeed(SeedContext context) { super(context); }

    void customer(int i) {
        long created = between(start, epoch - 3600);
        ObjectNode c = factory.create("customer", id("cus_"), created);
        String first = Names.pick(r, Names.FIRST), last = Names.pick(r, Names.LAST);
        String name = r.nextInt(25) == 0 ? Names.pick(r, Names.NON_LATIN) : first + " " + last;
        c.put("name", name);
        if (r.nextInt(12) == 0) c.putNull("email");
        else c.put("email", Names.ascii(first) + "." + Names.ascii(last) + i + "@example.com");
        String currency = CURRENCIES[r.nextInt(CURRENCIES.length)];
        c.put("currency", currency);
        if (r.nextInt(3) == 0) c.put("phone", "+1555" + (1_000_000 + r.nextInt(8_999_999)));
        if (r.nextInt(4) == 0) c.put("description", "Customer since " + java.time.Instant.ofEpochSecond(created).toString().substring(0, 10));
        c.put("invoice_prefix", Ids.next("", r, 8).toUpperCase(java.util.Locale.ROOT));
        c.put("balance", r.nextInt(20) == 0 ? -500L * (1 + r.nextInt(4)) : 0L);
        c.put("delinquent", false);
        if (r.nextInt(3) == 0) {
            int city = r.nextInt(Names.CITIES.length);
            ObjectNode addr = c.putObject("address");
            addr.put("city", Names.CITIES[city]);
            addr.put("country", Names.COUNTRIES[city]);
            addr.put("line1", (1 + r.nextInt(200)) + " Market Street");
            addr.putNull("line2");
            addr.put("postal_code", Integer.toString(10000 + r.nextInt(89999)));
            addr.putNull("state");
        }
        ObjectNode md = c.putObject("metadata");
        md.put("plan", Names.pick(r, Names.PLANS));
        md.put("segment", Names.pick(r, Names.SEGMENTS));
        if (!spec.relations()) {
            data.put(c);
            return;
        }
        String cus = c.get("id").asText();
        ObjectNode pm = payments.paymentMethod(cus, created + 60, name, c.path("email").asText(null));
        ((ObjectNode) c.get("invoice_settings")).put("default_payment_method", pm.get("id").asText());
        put(c);
        if (r.nextInt(5) == 0) payments.setupIntent(cus, pm, created + 30);
        int paymentCount = (int) Math.round(spec.chargesPerCustomer() * 2 * r.nextDouble());
        for (int k = 0; k < paymentCount; k++) payments.payment(cus, pm, currency, between(created + 120, epoch), c);
        if (r.nextDouble() < spec.subscriptionShare() && !recurring.isEmpty()) billing.subscription(c, pm, currency);
        if (r.nextInt(40) == 0) billing.pendingInvoiceItem(cus, currency);
    }
}
