package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;

import static io.wirewrap.emulator.api.Refs.requireRef;

/** Products, prices and plans: references that must exist, or products created inline. */
final class Catalog {
    private final ObjectFactory factory;
    private final Events events;
    final Money money;

    Catalog(ObjectFactory factory, Events events, Money money) {
        this.factory = factory;
        this.events = events;
        this.money = money;
    }

    void price(ApiRequest req, ObjectNode node, ObjectNode params) {
        AccountData data = req.data();
        if (params.hasNonNull("product")) {
            requireRef(data, "product", params.get("product").asText(), "product");
        } else if (params.has("product_data")) {
            node.put("product", createProduct(req, params.get("product_data")));
        } else {
            throw ApiError.missingParameter("product");
        }
        JsonNode rec = params.get("recurring");
        if (rec != null && rec.isObject()) {
            ObjectNode r = node.putObject("recurring");
            r.putNull("aggregate_usage");
            r.put("interval", rec.path("interval").asText("month"));
            r.put("interval_count", rec.path("interval_count").asLong(1));
            r.put("usage_type", rec.path("usage_type").asText("licensed"));
            node.put("type", "recurring");
        } else {
            node.putNull("recurring");
            node.put("type", "one_time");
        }
        if (!params.has("active")) node.put("active", true);
        if (params.hasNonNull("unit_amount")) node.put("unit_amount_decimal", params.get("unit_amount").asText());
        if (!params.hasNonNull("lookup_key")) node.putNull("lookup_key");
        if (!params.hasNonNull("nickname")) node.putNull("nickname");
    }

    void plan(ApiRequest req, ObjectNode node, ObjectNode params) {
        JsonNode product = params.get("product");
        if (product != null && product.isObject()) node.put("product", createProduct(req, product));
        else if (product != null) requireRef(req.data(), "product", product.asText(), "product");
        node.put("active", !params.has("active") || params.get("active").asBoolean());
        if (params.hasNonNull("amount")) node.put("amount_decimal", params.get("amount").asText());
        node.put("interval_count", params.path("interval_count").asLong(1));
    }

    String createProduct(ApiRequest req, JsonNode productData) {
        if (!productData.hasNonNull("name")) throw ApiError.missingParameter("product_data[name]");
        ObjectNode prod = factory.create("product", Ids.next("prod_"), Clock.now());
        prod.put("name", productData.get("name").asText());
        prod.put("active", true);
        prod.put("updated", prod.get("created").asLong());
        prod.putNull("default_price");
        prod.putNull("description");
        req.data().put(prod);
        events.emit(req, "product.created", prod, null);
        return prod.get("id").asText();
    }
}
