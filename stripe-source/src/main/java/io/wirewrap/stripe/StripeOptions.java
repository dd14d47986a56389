package io.wirewrap.stripe;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.OptionScope;
import io.wirewrap.fdw.SqlState;
import io.wirewrap.stripe.http.ClientConfig;
import io.wirewrap.stripe.plan.ExpandPaths;
import io.wirewrap.stripe.registry.ObjectRegistry;
import io.wirewrap.stripe.registry.StripeObject;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The option vocabulary of {@code stripe_fdw}: validation at DDL time (what {@code stripe_fdw_validator} does, and
 * stricter: unknown names and bad values are refused) and parsing into a {@link ClientConfig}.
 */
public final class StripeOptions {
    public static final String DEFAULT_API_URL = "https://api.stripe.com/v1/";
    static final Set<String> SERVER = Set.of("api_key", "api_key_id", "api_key_name", "api_url", "api_version", "account",
            "headers", "rate_limit", "timeout_ms", "max_retries", "retry_backoff_ms", "search", "parallelism", "max_response_size",
            "scan_history", "expand");
    static final Set<String> TABLE = Set.of("object", "rowid_column", "search", "scan_history", "expand");
    /** Headers the client sets itself: a second value would make Stripe see a list (or the wrong account). */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "host", "content-length", "content-type",
            "connection", "transfer-encoding", "upgrade", "expect", "accept", "user-agent", "idempotency-key",
            "stripe-version", "stripe-account");

    private StripeOptions() {}

    public static void validate(OptionScope scope, Map<String, String> options) {
        Set<String> allowed = switch (scope) {
            case SERVER, USER_MAPPING -> SERVER;
            case FOREIGN_TABLE -> TABLE;
            case WRAPPER, COLUMN -> Set.of();
        };
        for (var e : options.entrySet()) {
            String k = e.getKey();
            if (!allowed.contains(k)) {
                throw new FdwException(SqlState.FDW_INVALID_OPTION_NAME, "invalid option \"" + k + "\"", null,
                        allowed.isEmpty() ? "There are no valid options in this context."
                                : "Valid options in this context are: " + String.join(", ", new java.util.TreeSet<>(allowed)), null);
            }
            checkValue(k, e.getValue());
        }
        if (scope == OptionScope.FOREIGN_TABLE && !options.containsKey("object")) {
            throw new FdwException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "option \"object\" is required for a Stripe foreign table",
                    null, "add options (object 'customers'), naming a Stripe object such as customers, charges or checkout/sessions", null);
        }
        if (scope == OptionScope.FOREIGN_TABLE && options.containsKey("expand")) {
            ExpandPaths.parseOption(ObjectRegistry.get().find(options.get("object")).orElseThrow(), options.get("expand"), true);
        }
    }

    private static void checkValue(String key, String v) {
        switch (key) {
            case "object" -> {
                if (ObjectRegistry.get().find(v).isEmpty()) {
                    throw bad(key, v, "unknown Stripe object \"" + v + "\"", "use an object such as customers, charges, checkout/sessions or invoices/lines");
                }
            }
            case "api_url" -> baseUrl(v);
            case "rate_limit" -> positive(key, v, 10_000);
            case "timeout_ms" -> positive(key, v, 3_600_000);
            case "retry_backoff_ms" -> positive(key, v, 60_000);
            case "parallelism" -> positive(key, v, 64);
            case "max_response_size" -> positive(key, v, Long.MAX_VALUE);
            case "max_retries" -> {
                long n = integer(key, v);
                if (n < 0 || n > 20) throw bad(key, v, "max_retries must be between 0 and 20", null);
            }
            case "search" -> {
                String s = v.toLowerCase(Locale.ROOT);
                if (!s.equals("auto") && !s.equals("off")) throw bad(key, v, "search must be 'auto' or 'off'", null);
            }
            case "scan_history" -> {
                String s = v.toLowerCase(Locale.ROOT);
                if (!s.equals("on") && !s.equals("off")) throw bad(key, v, "scan_history must be 'on' or 'off'", null);
            }
            case "headers" -> headers(v);
            case "expand" -> {
                if (!v.isBlank() && !v.matches("\\s*[a-z_]+(\\.[a-z_]+)*\\s*(,\\s*[a-z_]+(\\.[a-z_]+)*\\s*)*")) {
                    throw bad(key, v, "expected a comma list of fields such as 'customer,invoice'", null);
                }
            }
            case "api_key", "account", "api_version", "rowid_column", "api_key_id", "api_key_name" -> {
                if (v == null || v.isBlank() || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    throw bad(key, key.equals("api_key") ? "********" : v, "option \"" + key + "\" must be a non-empty single line", null);
                }
            }
            default -> {}
        }
    }

    private static FdwException bad(String key, String value, String msg, String hint) {
        return new FdwException(SqlState.FDW_INVALID_ATTRIBUTE_VALUE, "invalid value for option \"" + key + "\": " + msg,
                "value: " + value, hint, null);
    }

    private static long integer(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "not an integer", null);
        }
    }

    private static double positive(String key, String v, double max) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "not a number", null);
        }
        if (!(d > 0) || d > max) throw bad(key, v, "must be greater than 0 and at most " + (long) max, null);
        return d;
    }

    static URI baseUrl(String v) {
        try {
            String s = v.trim();
            if (!s.endsWith("/")) s = s + "/";
            URI u = new URI(s);
            if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                    || u.getHost() == null || u.getQuery() != null || u.getFragment() != null) {
                throw bad("api_url", v, "must be an http(s) URL such as https://api.stripe.com/v1/", null);
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw bad("api_url", v, "not a URL", null);
        }
    }

    /** {@code 'X-Gateway-Connection=abc,X-Other=1'}: names are HTTP tokens, values single-line. */
    static Map<String, String> headers(String v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isBlank()) return out;
        for (String part : v.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw bad("headers", "(hidden)", "expected 'Name=value,Name2=value'", null);
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) throw bad("headers", "(hidden)", "invalid header name \"" + name + "\"", null);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                String option = switch (name.toLowerCase(Locale.ROOT)) {
                    case "stripe-version" -> "; use the option api_version";
                    case "stripe-account" -> "; use the option account";
                    default -> "";
                };
                throw bad("headers", "(hidden)", "header \"" + name + "\" cannot be overridden" + option, null);
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw bad("headers", "(hidden)", "header \"" + name + "\" has a control character", null);
            }
            out.put(name, value);
        }
        return out;
    }

    /** Client settings from effective server options (api_key already resolved from the vault by the catalog). */
    public static ClientConfig clientConfig(Map<String, String> o) {
        String key = o.get("api_key");
        if (key == null || key.isBlank()) {
            throw new FdwException(SqlState.FDW_OPTION_NAME_NOT_FOUND, "the Stripe server needs an API key", null,
                    "set option api_key, or api_key_id / api_key_name naming a vault secret", null);
        }
        URI base = baseUrl(o.getOrDefault("api_url", DEFAULT_API_URL));
        double rate = o.containsKey("rate_limit") ? Double.parseDouble(o.get("rate_limit").trim())
                : key.startsWith("sk_live_") || key.startsWith("rk_live_") ? 100 : 25;
        Duration timeout = Duration.ofMillis(o.containsKey("timeout_ms") ? (long) Double.parseDouble(o.get("timeout_ms")) : 30_000);
        int retries = o.containsKey("max_retries") ? Integer.parseInt(o.get("max_retries").trim()) : 4;
        // first retry waits about this long, doubling per attempt (jittered, capped at 8 s or this value if larger)
        Duration backoff = Duration.ofMillis(o.containsKey("retry_backoff_ms") ? Math.max(1, (long) Double.parseDouble(o.get("retry_backoff_ms").trim())) : 100);
        return new ClientConfig(base, key, o.get("api_version"), o.get("account"), headers(o.get("headers")), timeout, retries, rate, backoff);
    }

    public static int parallelism(Map<String, String> o) {
        return o.containsKey("parallelism") ? (int) Double.parseDouble(o.get("parallelism").trim()) : 8;
    }

    /** Whether complete scans are remembered to align later parallel scans (table option wins over server). */
    public static boolean scanHistory(Map<String, String> server, Map<String, String> table) {
        return !table.getOrDefault("scan_history", server.getOrDefault("scan_history", "on")).trim().equalsIgnoreCase("off");
    }

    /**
     * The {@code expand} option in effect for a table: its own, else the server's narrowed to the fields this
     * object can expand (a server-wide {@code expand 'customer'} must not break tables without a customer).
     */
    static String expand(StripeObject obj, Map<String, String> server, Map<String, String> table) {
        if (table.containsKey("expand")) return table.get("expand");
        return String.join(",", ExpandPaths.parseOption(obj, server.get("expand"), false));
    }

    public static boolean searchAuto(Map<String, String> server, Map<String, String> table) {
        String v = table.getOrDefault("search", server.getOrDefault("search", "off"));
        return v.trim().equalsIgnoreCase("auto");
    }
}
