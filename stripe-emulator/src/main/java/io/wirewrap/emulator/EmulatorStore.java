package io.wirewrap.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewrap.emulator.store.AccountData;
import io.wirewrap.emulator.store.Accounts;
import io.wirewrap.emulator.store.Json;
import io.wirewrap.emulator.store.StoredObject;
import io.wirewrap.emulator.store.TypeStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-side access to the emulator's objects without HTTP. Objects come back as fresh JSON trees: changing
 * them changes nothing; use {@link #put} to store.
 */
public final class EmulatorStore {
    private final Accounts accounts;
    private final String account;

    EmulatorStore(Accounts accounts, String account) {
        this.accounts = accounts;
        this.account = account;
    }

    /** The same view over a connected account's separate data ({@code Stripe-Account: acct_...}). */
    public EmulatorStore account(String accountId) { return new EmulatorStore(accounts, accountId); }

    private AccountData data() { return accounts.of(account); }

    /** Every object of a type ({@code "customer"}, {@code "checkout.session"}) in list order (newest first). */
    public List<ObjectNode> list(String object) {
        TypeStore s = data().type(object);
        List<ObjectNode> out = new ArrayList<>(s.size());
        for (StoredObject o : s.ordered().values()) out.add(Json.parse(o.json()));
        return out;
    }

    /** Any object by id. */
    public Optional<ObjectNode> get(String id) {
        StoredObject o = data().find(id);
        return o == null ? Optional.empty() : Optional.of(Json.parse(o.json()));
    }

    public int count(String object) { return data().type(object).size(); }

    /** Stores (inserts or replaces) an object; it needs {@code id}, {@code object} and {@code created}. */
    public void put(ObjectNode object) { data().put(object); }

    /** Removes an object by id; true when it existed. */
    public boolean remove(String id) {
        StoredObject o = data().find(id);
        if (o == null) return false;
        return data().type(Json.parse(o.json()).get("object").asText()).remove(id) != null;
    }
}
