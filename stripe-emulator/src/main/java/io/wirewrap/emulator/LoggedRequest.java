package io.wirewrap.emulator;

import java.util.List;
import java.util.Map;

/**
 * One request as the emulator saw it.
 *
 * @param query          decoded query parameters, bracket keys kept as sent ({@code created[gte]})
 * @param form           decoded form body parameters, same convention
 * @param account        the {@code Stripe-Account} header, or null for the platform account
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 */
public record LoggedRequest(String method, String path, Map<String, List<String>> query,
                            Map<String, List<String>> form, int status, String account, String idempotencyKey,
                            String requestId) {}
