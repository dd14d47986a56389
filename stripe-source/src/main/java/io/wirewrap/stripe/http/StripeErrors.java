package io.wirewrap.stripe.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.SqlState;

import java.util.Map;
import java.util.regex.Pattern;

/** Turns Stripe error answers into Postgres errors carrying Stripe's type, code, message and request id. */
public final class StripeErrors {
    /** Stripe echoes (masked) keys in some messages; nothing key-shaped leaves this class. */
    private static final Pattern KEY = Pattern.compile("\\b(sk|rk|pk)_(test|live)_[A-Za-z0-9*]+");

    private StripeErrors() {}

    public static String redact(String s) {
        return s == null ? null : KEY.matcher(s).replaceAll("$1_$2_********");
    }

    /**
     * A 404 on a path that always exists in Stripe (a list, {@code /v1/balance}): a wrong parent id or an
     * {@code api_url} that does not point at Stripe's /v1/, never "no rows".
     */
    public static FdwException pathNotFound(String url, StripeResponse r) {
        JsonNode err = r.body() == null ? null : r.body().path("error");
        return new FdwException(SqlState.FDW_ERROR, "Stripe API error (invalid_request_error"
                + (err != null && err.has("code") ? "/" + err.path("code").asText() : "") + "): "
                + (err != null && err.has("message") ? err.path("message").asText() : "not found"),
                "HTTP 404 from GET " + url + (r.requestId() == null ? "" : ", Request-Id " + r.requestId()),
                "a parent id in the path does not exist, or api_url does not point at Stripe's /v1/", null);
    }

    /** The planner sends {@code id in (...)} as {@code ids[]}, {@code lookup_key} as {@code lookup_keys[]}, {@code type} as {@code types[]}. */
    private static final Map<String, String> ONE_OF_COLUMNS = Map.of("ids", "id", "lookup_keys", "lookup_key", "types", "type");

    public static FdwException fromResponse(StripeRequest req, int status, JsonNode body, String requestId, int attempts) {
        JsonNode err = body == null ? null : body.path("error");
        String type = err == null ? "" : err.path("type").asText("");
        String code = err == null ? "" : err.path("code").asText("");
        String message = redact(err == null ? "" : err.path("message").asText(""));
        String param = err == null ? "" : err.path("param").asText("");
        String what = (type.isEmpty() ? "" : type) + (code.isEmpty() ? "" : (type.isEmpty() ? "" : "/") + code);
        String detail = "HTTP " + status + " from " + safePath(req) + (requestId == null ? "" : ", Request-Id " + requestId)
                + (attempts > 1 ? ", after " + attempts + " attempts" : "");
        String text = "Stripe API error" + (what.isEmpty() ? "" : " (" + what + ")") + ": "
                + (message.isEmpty() ? "HTTP " + status : message);
        if (status == 401 || status == 403) {
            return new FdwException(SqlState.INVALID_AUTHORIZATION, "Stripe rejected the credentials: "
                    + (message.isEmpty() ? "HTTP " + status : message), detail,
                    "check the server's api_key / api_key_id / api_key_name and account options", null);
        }
        if (status == 429) {
            return new FdwException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, text, detail,
                    "lower the server option rate_limit or retry later", null);
        }
        if (status == 400 && !param.isEmpty()) {
            String base = param.contains("[") ? param.substring(0, param.indexOf('[')) : param;
            String column = ONE_OF_COLUMNS.getOrDefault(base, base);
            return new FdwException(SqlState.FDW_ERROR, text + " (parameter \"" + param + "\", column \"" + column + "\")",
                    detail, null, null);
        }
        return new FdwException(SqlState.FDW_ERROR, text, detail, null, null);
    }

    /** The request path without query values that could be sensitive are fine; the key is never in a path. */
    static String safePath(StripeRequest req) {
        return req.method() + " " + redact(req.path());
    }
}
