package io.wirewrap.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.wirewrap.emulator.api.ApiError;
import io.wirewrap.emulator.api.ApiRequest;
import io.wirewrap.emulator.api.ApiResponse;
import io.wirewrap.emulator.api.Ids;
import io.wirewrap.emulator.api.Params;
import io.wirewrap.emulator.api.StripeApi;
import io.wirewrap.emulator.spec.StripeSpec;
import io.wirewrap.emulator.store.Accounts;
import io.wirewrap.emulator.store.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of the emulator: latency, authentication, rate limiting, injected failures, idempotency,
 * dispatch, then the response (whole, truncated, reset or dropped), and the request log.
 */
final class HttpFront implements HttpHandler {
    /** Thrown after a partial write: the server then closes the connection instead of finishing the response. */
    private static final class AbortConnection extends RuntimeException {
        AbortConnection() { super(null, null, false, false); }
    }

    private final ApiKeyAuth auth;
    private final StripeApi api;
    private final Accounts accounts;
    private final FaultInjector faults;
    private final RequestLog log;
    private final IdempotencyCache idempotency;

    HttpFront(EmulatorConfig config, StripeApi api, Accounts accounts, FaultInjector faults, RequestLog log,
              IdempotencyCache idempotency) {
        this.auth = new ApiKeyAuth(config);
        this.api = api;
        this.accounts = accounts;
        this.faults = faults;
        this.log = log;
        this.idempotency = idempotency;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String requestId = Ids.requestId();
        String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        // The log keeps the path as sent; routing decodes each segment on its own, so an id carrying
        // %2F stays one segment (as in Stripe) and a coupon id may still carry %20.
        String path = ex.getRequestURI().getRawPath();
        Headers in = ex.getRequestHeaders();
        String account = blankToNull(in.getFirst("Stripe-Account"));
        String idemKey = blankToNull(in.getFirst("Idempotency-Key"));
        Headers out = ex.getResponseHeaders();
        out.set("Content-Type", "application/json");
        out.set("Request-Id", requestId);
        out.set("Stripe-Version", StripeSpec.API_VERSION);
        if ("/healthz".equals(path)) { // container health checks: no key, not logged, never faulted
            byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(ok);
            }
            return;
        }
        Params query = Params.empty();
        Params form = Params.empty();
        int status;
        byte[] body;
        try {
            query = Params.parse(ex.getRequestURI().getRawQuery());
            String rawBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            form = Params.parse(rawBody);
            sleep(faults.nextDelay());
            auth.check(in.getFirst("Authorization"));
            long retryAfter = faults.rateLimited();
            if (retryAfter >= 0) {
                out.set("Retry-After", Long.toString(retryAfter));
                out.set("Stripe-Should-Retry", "true");
                throw new ApiError(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded. Learn more "
                        + "about rate limits here https://stripe.com/docs/rate-limits.", null);
            }
            int injected = faults.injectedFailure();
            if (injected != 0) {
                ApiError e = injected(injected, out, faults.retryAfterHeader());
                Boolean retry = faults.shouldRetryOverride();
                if (retry != null) out.set("Stripe-Should-Retry", retry.toString());
                throw e;
            }
            if (account != null && !account.startsWith("acct_")) {
                throw new ApiError(403, "invalid_request_error", "account_invalid", "The provided key does not have "
                        + "access to account '" + account + "' (or that account does not exist). Application access "
                        + "may have been revoked.", null);
            }
            ApiRequest req = new ApiRequest(method, path, segments(path), query, form,
                    accounts.of(account), requestId, idemKey, faults.hasMoreForeverOn(),
                    "GET".equals(method) && faults.duplicateCursor(query.text("starting_after") != null));
            boolean idempotent = idemKey != null && ("POST".equals(method) || "DELETE".equals(method));
            if (idempotent) {
                String scope = account == null ? "" : account;
                String fingerprint = method + " " + path + "?" + rawBody;
                IdempotencyCache.Stored replay = idempotency.begin(scope, idemKey, fingerprint);
                if (replay != null) {
                    out.set("Idempotent-Replayed", "true");
                    status = replay.status();
                    body = replay.body();
                } else {
                    ApiResponse r;
                    try {
                        r = api.handle(req);
                    } catch (ApiError e) {
                        r = new ApiResponse(e.status(), Json.bytes(e.body()));
                    } catch (RuntimeException e) {
                        idempotency.finish(scope, idemKey, fingerprint, 500, new byte[0]);
                        throw e;
                    }
                    idempotency.finish(scope, idemKey, fingerprint, r.status(), r.body());
                    status = r.status();
                    body = r.body();
                }
                out.set("Idempotency-Key", idemKey);
            } else {
                ApiResponse r = api.handle(req);
                status = r.status();
                body = r.body();
            }
        } catch (ApiError e) {
            status = e.status();
            body = Json.bytes(e.body());
        } catch (RuntimeException e) {
            status = 500;
            ApiError err = new ApiError(500, "api_error", null, "An unknown error occurred: " + e, null);
            body = Json.bytes(err.body());
        }
        log.add(new LoggedRequest(method, path, query.flat(), form.flat(), status, account, idemKey, requestId, logged(in)));
        respond(ex, status, body);
    }

    private void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        switch (faults.outcome()) {
            case DROP_RESPONSE -> throw new AbortConnection();
            case TRUNCATE -> {
                int half = body.length / 2;
                ex.sendResponseHeaders(status, half == 0 ? -1 : half);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body, 0, half);
                }
            }
            case RESET -> {
                ex.sendResponseHeaders(status, body.length);
                OutputStream os = ex.getResponseBody();
                os.write(body, 0, body.length / 3);
                os.flush();
                throw new AbortConnection();
            }
            case NORMAL -> {
                ex.sendResponseHeaders(status, body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private static ApiError injected(int status, Headers out, String retryAfter) {
        return switch (status) {
            case 429 -> {
                out.set("Retry-After", retryAfter);
                out.set("Stripe-Should-Retry", "true");
                yield new ApiError(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded. Learn more "
                        + "about rate limits here https://stripe.com/docs/rate-limits.", null);
            }
            case 402 -> new ApiError(402, "card_error", "card_declined", "Your card was declined.", null);
            case 401 -> new ApiError(401, "invalid_request_error", null, ApiKeyAuth.NO_KEY, null);
            case 404 -> new ApiError(404, "invalid_request_error", "resource_missing", "No such object (injected fault)", "id");
            case 400 -> ApiError.invalid(null, "Injected invalid request", null);
            case 409 -> {
                out.set("Stripe-Should-Retry", "true");
                yield new ApiError(409, "api_error", "lock_timeout", "This object cannot be accessed right now because "
                        + "another API request or Stripe process is currently accessing it.", null);
            }
            default -> {
                out.set("Stripe-Should-Retry", status >= 500 ? "true" : "false");
                yield new ApiError(status, "api_error", null, "An error occurred with our connection to Stripe. "
                        + "Request was retried 0 times.", null);
            }
        };
    }

    private static void sleep(Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String[] segments(String rawPath) {
        String[] raw = rawPath.substring(1).split("/", -1);
        String[] decoded = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            decoded[i] = java.net.URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return decoded;
    }

    /** The request's headers, values joined; {@link LoggedRequest} lower-cases the names and leaves credentials out. */
    private static java.util.Map<String, String> logged(Headers in) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        in.forEach((name, values) -> {
            if (name != null) out.put(name, String.join(", ", values));
        });
        return out;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
