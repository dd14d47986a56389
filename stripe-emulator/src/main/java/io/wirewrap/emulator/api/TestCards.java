package io.wirewrap.emulator.api;

import java.util.Map;

/**
 * Stripe's test payment methods and tokens ({@code pm_card_visa}, {@code tok_chargeDeclined}, ...) and the
 * card numbers that decline: a confirm with one of them answers 402 {@code card_error} like Stripe.
 */
final class TestCards {
    record Card(String brand, String last4) {}

    record Decline(String code, String declineCode, String message) {}

    private static final Map<String, Card> BY_SUFFIX = Map.of(
            "visa", new Card("visa", "4242"),
            "mastercard", new Card("mastercard", "4444"),
            "amex", new Card("amex", "8431"),
            "chargeDeclined", new Card("visa", "0002"),
            "chargeDeclinedInsufficientFunds", new Card("visa", "9995"),
            "chargeDeclinedExpiredCard", new Card("visa", "0069"));

    private static final Map<String, Decline> DECLINES = Map.of(
            "0002", new Decline("card_declined", "generic_decline", "Your card was declined."),
            "9995", new Decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "0069", new Decline("expired_card", "expired_card", "Your card has expired."));

    private TestCards() {}

    static Card byPaymentMethod(String id) { return id.startsWith("pm_card_") ? BY_SUFFIX.get(id.substring(8)) : null; }

    static Card byToken(String id) { return id.startsWith("tok_") ? BY_SUFFIX.get(id.substring(4)) : null; }

    /** How a card with these last four digits declines, or null when it pays. */
    static Decline declineFor(String last4) { return last4 == null ? null : DECLINES.get(last4); }
}
