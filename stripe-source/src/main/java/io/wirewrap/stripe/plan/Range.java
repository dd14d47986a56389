package io.wirewrap.stripe.plan;

/** An inclusive range of unix seconds; {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} mean unbounded. */
public record Range(long lo, long hi) {
    public static final Range ALL = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean empty() {
        return lo > hi;
    }

    public boolean bounded() {
        return lo != Long.MIN_VALUE || hi != Long.MAX_VALUE;
    }

    public Range atLeast(long v) {
        return new Range(Math.max(lo, v), hi);
    }

    public Range atMost(long v) {
        return new Range(lo, Math.min(hi, v));
    }
}
