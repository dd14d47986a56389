package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tiny real-HTTP Stripe client for tests: form encoding, bearer auth, JSON bodies. */
final class Client {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final String key;
    String account;

    Client(StripeEmulator emu) {
        this.base = emu.baseUrl();
        this.key = emu.apiKey();
    }

    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) { return raw.headers().firstValue(name).orElse(null); }
    }

    /** {@code path} relative to /v1/, query pairs alternate name, value. */
    Response get(String path, String... query) { return send("GET", path, encode(query), null, Map.of()); }

    Response post(String path, String... form) { return send("POST", path, "", encode(form), Map.of()); }

    Response postWith(Map<String, String> headers, String path, String... form) { return send("POST", path, "", encode(form), headers); }

    Response delete(String path) { return send("DELETE", path, "", null, Map.of()); }

    Response send(String method, String path, String query, String form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30));
        if (key != null) b.header("Authorization", "Bearer " + key);
        if (account != null) b.header("Stripe-Account", account);
        headers.forEach(b::header);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            return new Response(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send} but without the Authorization header unless given. */
    Response sendRaw(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        b.method(method, HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r, r.body().isEmpty() ? null : MAPPER.readTree(r.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /** Every object of a list endpoint, following starting_after. */
    List<JsonNode> all(String path, String... query) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        for (int guard = 0; guard < 10_000; guard++) {
            List<String> q = new ArrayList<>(List.of(query));
            q.add("limit");
            q.add("100");
            if (after != null) {
                q.add("starting_after");
                q.add(after);
            }
            Response r = get(path, q.toArray(String[]::new));
            if (r.status() != 200) throw new AssertionError(path + " -> " + r.status() + " " + r.json());
            r.json().get("data").forEach(out::add);
            if (!r.json().get("has_more").asBoolean()) return out;
            after = out.get(out.size() - 1).get("id").asText();
        }
        throw new AssertionError("pagination did not end");
    }
}
