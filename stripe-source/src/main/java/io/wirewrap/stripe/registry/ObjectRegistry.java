package io.wirewrap.stripe.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every Stripe object the source knows, loaded once from the resource {@link RegistryGenerator} produced. */
public final class ObjectRegistry {
    public static final String RESOURCE = "/io/wirewrap/stripe/stripe-objects.json";
    private static volatile ObjectRegistry instance;

    private final Map<String, StripeObject> byName = new LinkedHashMap<>();
    private final java.util.List<SpecReducer.ActionPath> actions;
    private final Expansions expansions;

    private ObjectRegistry(Collection<StripeObject> objects, java.util.List<SpecReducer.ActionPath> actions, Expansions expansions) {
        objects.forEach(o -> byName.put(o.name(), o));
        this.actions = java.util.List.copyOf(actions);
        this.expansions = expansions;
    }

    public static ObjectRegistry get() {
        ObjectRegistry r = instance;
        if (r == null) {
            synchronized (ObjectRegistry.class) {
                if (instance == null) {
                    String text = load();
                    instance = new ObjectRegistry(RegistryCodec.read(text), RegistryCodec.readActions(text), RegistryCodec.readExpansions(text));
                }
                r = instance;
            }
        }
        return r;
    }

    private static String load() {
        try (InputStream in = ObjectRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Looks an {@code object} option up; a leading {@code /v1/} or trailing '/' is tolerated. */
    public Optional<StripeObject> find(String name) {
        String n = name.trim();
        if (n.startsWith("/")) n = n.substring(1);
        if (n.startsWith("v1/")) n = n.substring(3);
        if (n.endsWith("/")) n = n.substring(0, n.length() - 1);
        return Optional.ofNullable(byName.get(n));
    }

    public Collection<StripeObject> all() {
        return byName.values();
    }

    /**
     * The literal path segments next to an item path's id ({@code search} beside {@code /v1/customers/{customer}},
     * {@code upcoming} beside {@code /v1/invoices/{invoice}}): an id spelled like one of them would request that other
     * endpoint, so no object can be retrieved by it.
     */
    public java.util.Set<String> literalSiblings(String itemPath) {
        String base = itemPath.substring(0, itemPath.lastIndexOf('/') + 1);
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (StripeObject o : byName.values()) {
            for (String p : java.util.Arrays.asList(o.listPath(), o.searchPath(), o.retrievePath())) {
                if (p == null || !p.startsWith(base)) continue;
                String seg = p.substring(base.length()).split("/")[0];
                if (!seg.isEmpty() && !seg.startsWith("{")) out.add(seg);
            }
        }
        return out;
    }

    /** Which fields of which schema {@code expand[]} can turn into objects. */
    public Expansions expansions() {
        return expansions;
    }

    /** Every {@code POST /v1/{objects}/{id}/{verb}} of the spec, by function name. */
    public java.util.List<SpecReducer.ActionPath> actions() {
        return actions;
    }
}
