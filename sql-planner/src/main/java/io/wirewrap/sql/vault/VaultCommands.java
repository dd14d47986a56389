package io.wirewrap.sql.vault;

import io.wirewrap.sql.api.ResultColumn;
import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.catalog.CatalogObjects.Secret;
import io.wirewrap.sql.catalog.CatalogSnapshot;
import io.wirewrap.sql.vault.VaultStatement.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs vault writes as catalog transitions. Writing secrets takes a superuser-like role, as Vault's tables
 * belong to the database owner in Supabase.
 */
public final class VaultCommands {
    private static final Set<String> WRITABLE = Set.of("id", "name", "description", "secret", "key_id");

    /** What a statement produced: the CommandComplete tag and, with RETURNING or a call, the rows. */
    public record Outcome(String tag, List<ResultColumn> columns, List<Object[]> rows, List<String> warnings) {
        public Outcome(String tag, List<ResultColumn> columns, List<Object[]> rows) {
            this(tag, columns, rows, List.of());
        }
    }

    private final Vault vault;

    public VaultCommands(Vault vault) {
        this.vault = vault;
    }

    /** The result columns a statement will return (null for none), for Describe before Execute. */
    public static List<ResultColumn> describe(VaultStatement s) {
        return switch (s) {
            case Insert i -> checkedReturning(i.returning());
            case Update u -> checkedReturning(u.returning());
            case Delete d -> checkedReturning(d.returning());
            case Call c -> List.of(ResultColumn.of(c.label(), 2950));
        };
    }

    private static List<ResultColumn> checkedReturning(List<String> returning) {
        if (returning.isEmpty()) return null;
        expand(returning); // rejects unknown columns at Parse time
        return returningColumns(returning);
    }

    private static List<String> expand(List<String> returning) {
        List<String> out = new ArrayList<>();
        for (String r : returning) {
            if (r.equals("*")) out.addAll(VaultColumns.SECRETS);
            else {
                String col = r.contains(" as ") ? r.substring(0, r.indexOf(" as ")) : r;
                if (!VaultColumns.SECRETS.contains(col)) {
                    throw new SqlError("42703", "column \"" + col + "\" does not exist");
                }
                out.add(col);
            }
        }
        return out;
    }

    private static List<ResultColumn> returningColumns(List<String> returning) {
        List<ResultColumn> out = new ArrayList<>();
        for (String r : returning) {
            if (r.equals("*")) out.addAll(VaultColumns.columns(VaultColumns.SECRETS));
            else if (r.contains(" as ")) {
                String col = r.substring(0, r.indexOf(" as "));
                out.add(ResultColumn.of(r.substring(r.indexOf(" as ") + 4), VaultColumns.typeOf(col)));
            } else out.add(ResultColumn.of(r, VaultColumns.typeOf(r)));
        }
        return out;
    }

    public Outcome execute(VaultStatement s, List<Object> params, boolean privileged) {
        if (!privileged) throw new SqlError("42501", "permission denied for table secrets");
        return switch (s) {
            case Insert i -> insert(i, params);
            case Update u -> update(u, params);
            case Delete d -> delete(d, params);
            case Call c -> call(c, params);
        };
    }

    private Outcome insert(Insert ins, List<Object> params) {
        for (String c : ins.columns()) {
            if (!WRITABLE.contains(c)) throw new SqlError("42703", "column \"" + c + "\" of relation \"secrets\" does not exist");
        }
        List<Secret> added = vault.catalog().apply(b -> {
            List<Secret> out = new ArrayList<>();
            for (List<Value> row : ins.rows()) {
                String name = null, secret = null, description = null;
                for (int k = 0; k < ins.columns().size(); k++) {
                    String v = text(row.get(k), params);
                    switch (ins.columns().get(k)) {
                        case "name" -> name = v;
                        case "secret" -> secret = v;
                        case "description" -> description = v;
                        default -> { } // id/key_id: generated here, as the column defaults do
                    }
                }
                out.add(vault.add(b, name, secret, description));
            }
            return out;
        });
        return rows("INSERT 0 " + added.size(), ins.returning(), added);
    }

    private Outcome update(Update up, List<Object> params) {
        for (String c : up.assignments().keySet()) {
            if (!WRITABLE.contains(c) || c.equals("id") || c.equals("key_id")) {
                throw new SqlError(WRITABLE.contains(c) ? "0A000" : "42703", WRITABLE.contains(c)
                        ? "the id of a vault secret cannot change" : "column \"" + c + "\" of relation \"secrets\" does not exist");
            }
        }
        List<Secret> changed = vault.catalog().apply(b -> {
            List<Secret> out = new ArrayList<>();
            for (Secret s : matching(b.peek(), up.where(), params)) {
                Value sv = up.assignments().get("secret");
                Value nv = up.assignments().get("name");
                Value dv = up.assignments().get("description");
                String secret = sv == null ? null : text(sv, params);
                if (sv != null && secret == null) {
                    throw new SqlError("23502", "null value in column \"secret\" of relation \"secrets\" violates not-null constraint");
                }
                out.add(vault.change(b, s, secret, nv == null ? null : text(nv, params), dv == null ? null : text(dv, params)));
            }
            return out;
        });
        return rows("UPDATE " + changed.size(), up.returning(), changed);
    }

    /**
     * Deletes like Supabase Vault, which has no foreign keys: a secret a server still uses may go (scripts delete
     * and re-insert a secret by name to rotate it), with a WARNING naming who uses it.
     */
    private Outcome delete(Delete del, List<Object> params) {
        List<String> warnings = new ArrayList<>();
        List<Secret> removed = vault.catalog().apply(b -> {
            warnings.clear();
            List<Secret> doomed = matching(b.peek(), del.where(), params);
            for (Secret s : doomed) {
                String users = referencedBy(b.peek(), s);
                if (users != null) {
                    warnings.add("vault secret " + (s.name() == null ? s.id() : s.name()) + " was used by " + users
                            + "; queries through it fail until a secret with that " + (s.name() == null ? "id" : "name or id") + " exists");
                }
                b.secrets.removeIf(x -> x.id().equals(s.id()));
            }
            return doomed;
        });
        Outcome out = rows("DELETE " + removed.size(), del.returning(), removed);
        return new Outcome(out.tag(), out.columns(), out.rows(), warnings);
    }

    /** The first server or mapping that references the secret (deleting it would break their queries). */
    private static String referencedBy(CatalogSnapshot snap, Secret s) {
        for (var srv : snap.servers()) {
            if (refers(srv.options(), s)) return "server " + srv.name();
        }
        for (var um : snap.userMappings()) {
            if (refers(um.options(), s)) return "the user mapping for " + um.role() + " on server " + um.server();
        }
        return null;
    }

    private static boolean refers(java.util.Map<String, String> options, Secret s) {
        String id = options.get(Vault.API_KEY_ID);
        if (id != null) return id.equalsIgnoreCase(s.id());
        String name = options.get(Vault.API_KEY_NAME);
        return name != null && name.equals(s.name());
    }

    private Outcome call(Call c, List<Object> params) {
        List<String> args = new ArrayList<>();
        for (Value v : c.arguments()) args.add(text(v, params));
        Secret result = switch (c.function()) {
            case "create_secret" -> {
                if (args.isEmpty() || args.size() > 4) throw new SqlError("42883", "function vault.create_secret with "
                        + args.size() + " arguments does not exist", null, "vault.create_secret(new_secret text, new_name text, new_description text)", 0, null);
                yield vault.catalog().apply(b -> vault.add(b, args.size() > 1 ? args.get(1) : null, args.get(0),
                        args.size() > 2 ? args.get(2) : ""));
            }
            case "update_secret" -> {
                if (args.size() < 2) throw new SqlError("42883", "function vault.update_secret with " + args.size()
                        + " arguments does not exist", null, "vault.update_secret(secret_id uuid, new_secret text, new_name text, new_description text)", 0, null);
                yield vault.catalog().apply(b -> {
                    Secret s = b.peek().secretById(args.get(0))
                            .orElseThrow(() -> new SqlError("42704", "vault secret with id \"" + args.get(0) + "\" does not exist"));
                    return vault.change(b, s, args.get(1), args.size() > 2 ? args.get(2) : null, args.size() > 3 ? args.get(3) : null);
                });
            }
            default -> throw new SqlError("42883", "function vault." + c.function() + " does not exist");
        };
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {c.function().equals("create_secret") ? java.util.UUID.fromString(result.id()) : null});
        return new Outcome("SELECT 1", List.of(ResultColumn.of(c.label(), c.function().equals("create_secret") ? 2950 : 2278)), rows);
    }

    private static List<Secret> matching(CatalogSnapshot snap, List<Condition> where, List<Object> params) {
        List<Secret> out = new ArrayList<>();
        for (Secret s : snap.secrets()) {
            boolean all = true;
            for (Condition c : where) {
                String v = text(c.value(), params);
                boolean ok = switch (c.column()) {
                    case "id", "key_id" -> v != null && s.id().equalsIgnoreCase(v);
                    case "name" -> v != null && v.equals(s.name());
                    case "description" -> v != null && v.equals(s.description());
                    default -> throw new SqlError("42703", "column \"" + c.column() + "\" does not exist");
                };
                all &= ok;
            }
            if (all) out.add(s);
        }
        return out;
    }

    private Outcome rows(String tag, List<String> returning, List<Secret> secrets) {
        if (returning.isEmpty()) return new Outcome(tag, null, List.of());
        List<String> cols = expand(returning);
        List<Object[]> rows = new ArrayList<>();
        for (Secret s : secrets) {
            Object[] row = new Object[cols.size()];
            for (int k = 0; k < cols.size(); k++) row[k] = VaultColumns.value(s, cols.get(k), () -> null);
            rows.add(row);
        }
        return new Outcome(tag, returningColumns(returning), rows);
    }

    private static String text(Value v, List<Object> params) {
        return switch (v) {
            case Literal l -> l.value();
            case Param p -> {
                if (p.index() < 1 || p.index() > params.size()) {
                    throw new SqlError("08P01", "bind message supplies " + params.size() + " parameters, but the statement requires " + p.index());
                }
                Object o = params.get(p.index() - 1);
                yield o == null ? null : o.toString();
            }
        };
    }
}
