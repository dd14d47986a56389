package io.wirewrap.stripe.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.ColumnDef;
import io.wirewrap.fdw.ColumnType;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.FunctionDef;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.StripeClient;
import io.wirewrap.stripe.http.StripeRequest;
import io.wirewrap.stripe.scan.RowMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code stripe.request(method, path, params jsonb)}: any Stripe API call, for what no table or action covers.
 * Privileged (superuser-like roles only), since it reaches every endpoint the key can. {@code params} is a JSON
 * object flattened to bracket notation like {@code attrs}: the form of a POST, the query of a GET or DELETE.
 */
final class GenericRequest {
    static final String NAME = "request";
    /** {@code /v1/...}: path segments of letters, digits, {@code _ - .}; no {@code ..}, no query (that is params). */
    private static final Pattern PATH = Pattern.compile("/v1(/[A-Za-z0-9_\\-.]+)+");

    private GenericRequest() {}

    static FunctionDef definition(List<ColumnDef> result) {
        return new FunctionDef(NAME, List.of(ColumnDef.of("method", ColumnType.TEXT), ColumnDef.of("path", ColumnType.TEXT),
                ColumnDef.of("params", ColumnType.JSONB)), result, true,
                "any Stripe API call: method GET, POST or DELETE, path under /v1/, params a JSON object (superuser-like roles only)");
    }

    static RowStream call(StripeClient client, List<Object> arguments, List<ColumnDef> result, ScanContext ctx) {
        String method = arguments.isEmpty() || arguments.get(0) == null ? "" : arguments.get(0).toString().trim().toUpperCase(Locale.ROOT);
        if (!List.of("GET", "POST", "DELETE").contains(method)) {
            throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "request: method must be GET, POST or DELETE, got \"" + method + "\"");
        }
        String path = arguments.size() > 1 && arguments.get(1) != null ? arguments.get(1).toString().trim() : "";
        if (!PATH.matcher(path).matches() || path.contains("..")) {
            throw new FdwException(SqlState.INVALID_PARAMETER_VALUE, "request: path must look like /v1/customers/cus_123",
                    null, "parameters go in params, not in the path", null);
        }
        Object params = arguments.size() > 2 ? arguments.get(2) : null;
        String encoded = params == null ? "" : new FormEncoder().add("attrs", params, true, false).encode();
        StripeRequest req = method.equals("POST")
                ? new StripeRequest("POST", path, encoded, UUID.randomUUID().toString())
                : new StripeRequest(method, encoded.isEmpty() ? path : path + "?" + encoded, null, null);
        var resp = client.send(req, ctx);
        if (resp.notFound()) throw new FdwException(SqlState.FDW_ERROR, "Stripe answered 404 for " + method + " " + path);
        JsonNode body = resp.body();
        RowMapper m = new RowMapper(result.stream().map(ColumnDef::name).toList(), result.stream().map(ColumnDef::type).toList(), Map.of());
        return RowStream.of(List.<Object[]>of(m.map(body)));
    }
}
