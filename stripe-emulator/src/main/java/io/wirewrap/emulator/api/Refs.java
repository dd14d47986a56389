package io.wirewrap.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;

/** References named in request bodies. */
final class Refs {
    private Refs() {}

    /** The referenced object, or a 400 naming the parameter (as Stripe does for bad references in bodies). */
    static ObjectNode requireRef(AccountData data, String object, String id, String param) {
        StoredObject o = id == null || id.isEmpty() ? null : data.type(object).get(id);
        if (o == null) throw ApiError.invalid("resource_missing", "No such " + object + ": '" + id + "'", param);
        return Json.parse(o.json());
    }
}
