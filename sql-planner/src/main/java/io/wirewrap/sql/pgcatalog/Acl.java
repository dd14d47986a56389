package io.wirewrap.sql.pgcatalog;

import io.wirewrap.sql.catalog.CatalogObjects.Grant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds aclitem[] text ({@code {owner=arwdDxt/owner,alice=r/owner}}) from recorded grants, so psql's
 * {@code \dp}, {@code \des+} show them. Null when nothing was granted, which PostgreSQL prints as default.
 */
final class Acl {
    private Acl() {}

    static String of(String owner, String allLetters, List<Grant> grants) {
        if (grants.isEmpty()) return null;
        Map<String, StringBuilder> items = new LinkedHashMap<>();
        items.put(owner + "/" + owner, new StringBuilder(allLetters));
        for (Grant g : grants) {
            String who = g.grantee().equals("public") ? "" : g.grantee();
            StringBuilder letters = items.computeIfAbsent(who + "/" + g.grantor(), k -> new StringBuilder());
            String add = g.privilege().equals("all") ? allLetters : letter(g.privilege());
            for (char c : add.toCharArray()) {
                if (letters.indexOf(String.valueOf(c)) < 0) {
                    letters.append(c);
                    if (g.grantOption()) letters.append('*');
                }
            }
        }
        List<String> out = new java.util.ArrayList<>();
        items.forEach((k, v) -> {
            if (v.isEmpty()) return;
            int slash = k.lastIndexOf('/');
            out.add(k.substring(0, slash) + "=" + v + k.substring(slash));
        });
        return CatalogView.textArray(out);
    }

    private static String letter(String privilege) {
        return switch (privilege) {
            case "select" -> "r";
            case "insert" -> "a";
            case "update" -> "w";
            case "delete" -> "d";
            case "truncate" -> "D";
            case "references" -> "x";
            case "trigger" -> "t";
            case "usage" -> "U";
            case "create" -> "C";
            case "connect" -> "c";
            case "temporary", "temp" -> "T";
            case "execute" -> "X";
            default -> "";
        };
    }
}
