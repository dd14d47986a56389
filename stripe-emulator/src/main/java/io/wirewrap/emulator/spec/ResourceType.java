package io.wirewrap.emulator.spec;

import java.util.List;

/**
 * A kind of Stripe object the emulator stores.
 *
 * @param object        the value of its {@code object} field ("customer", "checkout.session")
 * @param schema        its component schema name
 * @param idPrefix      the id prefix, with its underscore ("cus_"), or "" for free-form ids (coupons)
 * @param listPath      its top-level list path, or null
 * @param retrievePath  its retrieve path, or null
 * @param filterParams  equality filters of the top-level list endpoint
 * @param rangeParams   filters that also take {@code [gt|gte|lt|lte]}
 */
public record ResourceType(String object, String schema, String idPrefix, String listPath, String retrievePath,
                           boolean creatable, boolean updatable, boolean deletable,
                           List<String> filterParams, List<String> rangeParams) {

    /** Stripe's word for the object in messages: "No such customer", "No such checkout.session". */
    public String noun() {
        return object;
    }
}
