package io.wirewrap.stripe.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Converts qual constants into the strings Stripe parameters take, or null when the value cannot be sent as is. */
final class QualValues {
    private QualValues() {}

    /** Unix seconds as a decimal (fraction kept, so callers can tell whether rounding happened). */
    static BigDecimal epochSeconds(Object v) {
        Instant i = switch (v) {
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case OffsetDateTime t -> t.toInstant();
            case ZonedDateTime t -> t.toInstant();
            case Instant t -> t;
            case LocalDate d -> d.atStartOfDay().toInstant(ZoneOffset.UTC);
            case Long l -> Instant.ofEpochSecond(l);
            case Integer n -> Instant.ofEpochSecond(n);
            case BigDecimal b -> {
                yield null;
            }
            default -> null;
        };
        if (i == null) return v instanceof BigDecimal b ? b : null;
        return BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9)).stripTrailingZeros();
    }

    static String integer(Object v) {
        return switch (v) {
            case Long l -> l.toString();
            case Integer i -> i.toString();
            case Short s -> s.toString();
            case BigDecimal b -> {
                try {
                    yield b.toBigIntegerExact().toString();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    static String bool(Object v) {
        return v instanceof Boolean b ? b.toString() : null;
    }

    /** Text Stripe takes as a parameter: non-empty, within its 5000-character limit, no NUL (Stripe answers 400). */
    static String text(Object v) {
        return v instanceof String s && !s.isEmpty() && s.length() <= 5000 && s.indexOf('\0') < 0 ? s : null;
    }
}
