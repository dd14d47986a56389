package io.wirewrap.emulator.api;

/** Stripe's cursor parameters, validated the way Stripe validates them. */
public record ListQuery(int limit, String startingAfter, String endingBefore) {

    public static ListQuery from(Params p) {
        String raw = p.text("limit");
        int limit = 10;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_integer", "Invalid integer: " + raw, "limit");
            }
            if (limit < 1) throw ApiError.invalid("parameter_invalid_integer", "This value must be greater than or equal to 1.", "limit");
            if (limit > 100) throw ApiError.invalid("parameter_invalid_integer", "This value must be less than or equal to 100.", "limit");
        }
        String after = blankToNull(p.text("starting_after"));
        String before = blankToNull(p.text("ending_before"));
        if (after != null && before != null)
            throw ApiError.invalid(null, "You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
        return new ListQuery(limit, after, before);
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
