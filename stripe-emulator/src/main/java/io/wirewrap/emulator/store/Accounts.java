package io.wirewrap.emulator.store;

import io.wirewrap.emulator.spec.StripeSpec;

import java.util.concurrent.ConcurrentHashMap;

/** The platform account's data and one separate data set per connected account id. */
public final class Accounts {
    private final StripeSpec spec;
    private final AccountData platform;
    private final ConcurrentHashMap<String, AccountData> connected = new ConcurrentHashMap<>();

    public Accounts(StripeSpec spec) {
        this.spec = spec;
        this.platform = new AccountData(spec);
    }

    /** The platform for null, else the connected account's own data (created empty on first use). */
    public AccountData of(String account) {
        if (account == null || account.isEmpty()) return platform;
        return connected.computeIfAbsent(account, a -> new AccountData(spec));
    }

    public AccountData platform() { return platform; }

    public void clear() {
        platform.clear();
        connected.clear();
    }
}
