package io.wirewrap.sql.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements at top-level semicolons (quotes and comments respected). */
final class SqlScript {
    private SqlScript() {}

    static String resource(String name) {
        try (InputStream in = SqlScript.class.getResourceAsStream("/io/wirewrap/sql/ddl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                cur.append(script, i, end + 1);
                i = end;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                cur.append(script, i, end);
                i = end - 1;
            } else if (c == ';') {
                if (!cur.toString().isBlank()) out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().replaceAll("--[^\n]*", "").isBlank()) out.add(cur.toString().trim());
        return out;
    }
}
