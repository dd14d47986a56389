package io.wirewrap.stripe.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirewrap.fdw.CancelToken;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ScanContext;
import io.wirewrap.fdw.SqlState;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests to Stripe under the shared rate limiter, retrying what Stripe says is retryable (429, 5xx,
 * connection errors, timeouts, cut-off bodies) with exponential backoff and jitter, honouring {@code Retry-After}
 * and {@code Stripe-Should-Retry}. Never returns a partial page: a body that does not parse is retried.
 */
public final class StripeClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MS = 8_000;

    private final ClientConfig config;
    private final HttpClient http;
    private final RateLimiter limiter;

    public StripeClient(ClientConfig config) {
        this.config = config;
        // HTTP/2 only over TLS: cleartext h2c upgrade confuses plain HTTP/1.1 servers and gateways
        boolean tls = "https".equalsIgnoreCase(config.baseUrl().getScheme());
        this.http = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.limiter = RateLimiter.shared(config.accountKey(), config.rateLimit());
    }

    public ClientConfig config() {
        return config;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    /** Sends with retries; 2xx and 404 come back, anything else that cannot be retried becomes an FdwException. */
    public StripeResponse send(StripeRequest req, ScanContext ctx) {
        int attempt = 0;
        while (true) {
            attempt++;
            ctx.cancel().throwIfCancelled();
            ctx.stats().rateLimitWaitsNanos.add(limiter.acquire(ctx.cancel()));
            ctx.stats().requests.increment();
            Outcome o = once(req, ctx, attempt);
            if (o.response != null) return o.response;
            if (!o.retryable || attempt > config.maxRetries()) {
                if (o.error != null) throw o.error;
                throw new FdwException(SqlState.FDW_UNABLE_TO_ESTABLISH_CONNECTION,
                        "could not reach Stripe: " + o.failure, "after " + attempt + " attempts, " + StripeErrors.safePath(req),
                        "check the server option api_url and the network", null);
            }
            ctx.stats().retries.increment();
            sleep(backoff(config.retryBackoff().toMillis(), attempt, o.retryAfterMs), ctx);
        }
    }

    private record Outcome(StripeResponse response, boolean retryable, long retryAfterMs, FdwException error, String failure) {}

    private Outcome once(StripeRequest req, ScanContext ctx, int attempt) {
        HttpRequest httpReq = build(req);
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(httpReq, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> resp;
        // withdrawn once answered: a scan's token would otherwise hold every response of the scan
        try (CancelToken.Registration abort = ctx.cancel().onCancel(() -> future.cancel(true))) {
            resp = future.get();
        } catch (CancellationException e) {
            throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to interrupt");
        } catch (ExecutionException e) {
            if (ctx.cancel().isCancelled()) throw new FdwException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            Throwable c = e.getCause();
            return new Outcome(null, true, 0, null, c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
        }
        int status = resp.statusCode();
        String requestId = resp.headers().firstValue("request-id").orElse(null);
        String shouldRetry = resp.headers().firstValue("stripe-should-retry").orElse(null);
        long retryAfterMs = resp.headers().firstValue("retry-after").map(StripeClient::parseRetryAfter).orElse(0L);
        JsonNode body;
        try {
            body = resp.body().length == 0 ? null : JSON.readTree(resp.body());
        } catch (JsonProcessingException e) {
            // a body cut off mid-way: the page is incomplete, ask again
            return new Outcome(null, true, retryAfterMs, null, "truncated response body (" + resp.body().length + " bytes)");
        } catch (IOException e) {
            return new Outcome(null, true, retryAfterMs, null, e.toString());
        }
        if (status / 100 == 2) {
            if (body == null) return new Outcome(null, true, 0, null, "empty response body");
            return new Outcome(new StripeResponse(status, body, requestId), false, 0, null, null);
        }
        if (status == 404 && "GET".equals(req.method())) return new Outcome(new StripeResponse(status, body, requestId), false, 0, null, null);
        boolean retryable = status == 429 || status >= 500 || status == 409;
        if ("true".equalsIgnoreCase(shouldRetry)) retryable = true;
        if ("false".equalsIgnoreCase(shouldRetry)) retryable = false;
        FdwException err = StripeErrors.fromResponse(req, status, body, requestId, attempt);
        return new Outcome(null, retryable, retryAfterMs, err, "HTTP " + status);
    }

    private HttpRequest build(StripeRequest req) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(config.baseUrl(), req.path())).timeout(config.timeout());
        config.headers().forEach(b::header);
        b.header("Authorization", "Bearer " + config.apiKey());
        b.header("Accept", "application/json");
        b.header("User-Agent", "wirewrap-stripe/0.1");
        if (config.apiVersion() != null) b.header("Stripe-Version", config.apiVersion());
        if (config.account() != null) b.header("Stripe-Account", config.account());
        if (req.idempotencyKey() != null) b.header("Idempotency-Key", req.idempotencyKey());
        switch (req.method()) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(req.method(), HttpRequest.BodyPublishers.ofString(req.form() == null ? "" : req.form()));
        }
        return b.build();
    }

    /** {@code /v1/customers?x} against {@code https://gateway.example/stripe/v1/}: the /v1/ prefix is the base's. */
    public static URI resolve(URI baseUrl, String path) {
        String rel = path.startsWith("/v1/") ? path.substring(4) : path.startsWith("/") ? path.substring(1) : path;
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base + rel : base + "/" + rel);
    }

    private static long parseRetryAfter(String v) {
        try {
            return (long) (Double.parseDouble(v.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long backoff(long baseMs, int attempt, long retryAfterMs) {
        long exp = Math.min(Math.max(MAX_BACKOFF_MS, baseMs), baseMs << Math.min(attempt - 1, 10));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        return Math.max(jittered, Math.min(retryAfterMs, 60_000));
    }

    private static void sleep(long ms, ScanContext ctx) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < until) {
            ctx.cancel().throwIfCancelled();
            LockSupport.parkNanos(Math.min(until - System.nanoTime(), 20_000_000));
        }
    }
}
