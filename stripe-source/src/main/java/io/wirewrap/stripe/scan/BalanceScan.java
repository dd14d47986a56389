package io.wirewrap.stripe.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeErrors;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.http.StripeResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code balance}: one row per (balance type available/pending, currency). wrappers returns only the first
 * currency of each type; a multi-currency account has several, and every one of them is a row here.
 */
public final class BalanceScan {
    private static final String[] TYPES = {"available", "pending"};

    private BalanceScan() {}

    public static RowStream scan(StripeClient client, String path, RowMapper mapper, ScanContext ctx) {
        StripeResponse resp = client.send(StripeRequest.get(path), ctx);
        // the client hands 404s back for retrieves; here it means a wrong api_url, and zero rows would hide it
        if (resp.notFound()) throw StripeErrors.pathNotFound(path, resp);
        JsonNode body = resp.body();
        ctx.stats().pages.increment();
        List<Object[]> rows = new ArrayList<>();
        for (String type : TYPES) {
            for (JsonNode fund : body.path(type)) {
                ObjectNode row = fund.deepCopy();
                row.put("balance_type", type);
                // attrs is the funds entry plus balance_type, as in wrappers
                rows.add(mapper.map(row));
            }
        }
        ctx.stats().rows.add(rows.size());
        return RowStream.of(rows);
    }
}
