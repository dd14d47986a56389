package io.wirewrap.sql.local;

import java.util.List;
import java.util.Map;

/**
 * DuckDB macros standing in for the PostgreSQL functions psql, pgjdbc and BI tools call on the catalog. Each is
 * named {@code ww_<function>_<arity>} because DuckDB macros cannot be overloaded by arity; the rewriter maps
 * calls by name and argument count ({@link #macroFor}).
 */
public final class PgMacros {
    private PgMacros() {}

    /** PostgreSQL's reserved key words: quote_ident quotes them. */
    /** Per-connection table behind pg_get_function_result/_arguments (see SystemLoader). */
    public static final String FUNCTION_TEXTS = "ww_function_texts";
    private static final String RESERVED = java.util.stream.Stream.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset",
            "on", "only", "or", "order", "placing", "primary", "references", "returning", "select", "session_user", "some",
            "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with").map(w -> "'" + w + "'").collect(java.util.stream.Collectors.joining(", "));

    private static final String FORMAT_TYPE = """
            CASE t WHEN 16 THEN 'boolean' WHEN 17 THEN 'bytea' WHEN 18 THEN '"char"' WHEN 19 THEN 'name'
            WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint' WHEN 23 THEN 'integer' WHEN 24 THEN 'regproc'
            WHEN 25 THEN 'text' WHEN 26 THEN 'oid' WHEN 114 THEN 'json' WHEN 700 THEN 'real'
            WHEN 701 THEN 'double precision' WHEN 1000 THEN 'boolean[]' WHEN 1005 THEN 'smallint[]'
            WHEN 1007 THEN 'integer[]' WHEN 1009 THEN 'text[]' WHEN 1016 THEN 'bigint[]' WHEN 1003 THEN 'name[]'
            WHEN 1042 THEN CASE WHEN m > 4 THEN 'character(' || (m - 4) || ')' ELSE 'character' END
            WHEN 1043 THEN CASE WHEN m > 4 THEN 'character varying(' || (m - 4) || ')' ELSE 'character varying' END
            WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone'
            WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone'
            WHEN 1186 THEN 'interval'
            WHEN 1700 THEN CASE WHEN m > 4 THEN 'numeric(' || ((m - 4) >> 16) || ',' || ((m - 4) & 65535) || ')' ELSE 'numeric' END
            WHEN 2205 THEN 'regclass' WHEN 2206 THEN 'regtype' WHEN 2950 THEN 'uuid' WHEN 3802 THEN 'jsonb'
            WHEN 3807 THEN 'jsonb[]' WHEN 1028 THEN 'oid[]' WHEN 2278 THEN 'void' WHEN 2249 THEN 'record'
            WHEN 2283 THEN 'anyelement' WHEN 22 THEN 'int2vector' WHEN 30 THEN 'oidvector' WHEN 1034 THEN 'aclitem[]'
            WHEN 194 THEN 'pg_node_tree' WHEN 28 THEN 'xid' WHEN 3220 THEN 'pg_lsn' WHEN 1266 THEN 'time with time zone'
            ELSE NULL END""";

    /** Macro bodies by macro name; {@code user} and {@code database} are the session's. */
    public static List<String> definitions(String user, String database) {
        String u = literal(user);
        String d = literal(database);
        return List.of(
                // numeric / numeric, exactly (DuckDB would divide in double precision): both sides as integers
                // (scaled by 10^10 unless they already are), long division, rounded half away from zero at 20
                // decimals; DuckTypes then trims to PostgreSQL's display scale. The remainder step keeps the
                // intermediate below 1.7e38 for any divisor under 1.7e17 (after scaling).
                "CREATE OR REPLACE TEMP MACRO ww_numdiv_abs(x, y) AS CAST(x // y AS DECIMAL(38,20)) + "
                        + "CAST(((x % y) * CAST(1000000000000000000000 AS HUGEINT) // y + 5) // 10 AS DECIMAL(38,0)) "
                        + "* CAST(0.00000000000000000001 AS DECIMAL(21,20))",
                "CREATE OR REPLACE TEMP MACRO ww_numdiv_scaled(x, y) AS CASE WHEN y = 0 THEN error('division by zero') "
                        + "ELSE CAST(sign(x) * sign(y) AS INTEGER) * ww_numdiv_abs(abs(x), abs(y)) END",
                "CREATE OR REPLACE TEMP MACRO ww_numeric_div(a, b) AS CASE "
                        + "WHEN trunc(CAST(a AS DECIMAL(38,10))) = a AND trunc(CAST(b AS DECIMAL(38,10))) = b "
                        + "THEN ww_numdiv_scaled(CAST(a AS HUGEINT), CAST(b AS HUGEINT)) "
                        + "ELSE ww_numdiv_scaled(CAST(CAST(a AS DECIMAL(38,10)) * 10000000000 AS HUGEINT), "
                        + "CAST(CAST(b AS DECIMAL(38,10)) * 10000000000 AS HUGEINT)) END",
                "CREATE OR REPLACE TEMP MACRO ww_format_type_2(t, m) AS (" + FORMAT_TYPE + ")",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_userbyid_1(x) AS " + u,
                "CREATE OR REPLACE TEMP MACRO ww_pg_table_is_visible_1(x) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_pg_type_is_visible_1(x) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_pg_function_is_visible_1(x) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_obj_description_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_obj_description_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_shobj_description_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_col_description_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_encoding_to_char_1(x) AS 'UTF8'",
                "CREATE OR REPLACE TEMP MACRO ww_has_privilege_2(a, b) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_has_privilege_3(a, b, c) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_has_privilege_4(a, b, c, d) AS true",
                "CREATE OR REPLACE TEMP MACRO ww_current_schemas_1(x) AS CASE WHEN x THEN ['pg_catalog', 'public'] ELSE ['public'] END",
                "CREATE OR REPLACE TEMP MACRO ww_quote_ident_1(s) AS CASE WHEN regexp_full_match(s, '[a-z_][a-z0-9_$]*') AND s NOT IN (" + RESERVED + ") THEN s ELSE '\"' || replace(s, '\"', '\"\"') || '\"' END",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_expr_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_expr_3(x, y, z) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_indexdef_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_indexdef_3(x, y, z) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_constraintdef_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_constraintdef_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_viewdef_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_viewdef_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_triggerdef_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_statisticsobjdef_columns_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_relation_size_1(x) AS CAST(0 AS BIGINT)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_relation_size_2(x, y) AS CAST(0 AS BIGINT)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_table_size_1(x) AS CAST(0 AS BIGINT)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_total_relation_size_1(x) AS CAST(0 AS BIGINT)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_database_size_1(x) AS CAST(0 AS BIGINT)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_size_pretty_1(x) AS CAST(x AS VARCHAR) || ' bytes'",
                "CREATE OR REPLACE TEMP MACRO ww_version_0() AS 'PostgreSQL 15.0 (wirewrap) on x86_64-pc-linux-gnu, compiled by javac, 64-bit'",
                "CREATE OR REPLACE TEMP MACRO ww_current_database_0() AS " + d,
                "CREATE OR REPLACE TEMP MACRO ww_current_schema_0() AS 'public'",
                "CREATE OR REPLACE TEMP MACRO ww_current_user_0() AS " + u,
                "CREATE OR REPLACE TEMP MACRO ww_pg_backend_pid_0() AS 0",
                "CREATE OR REPLACE TEMP MACRO ww_pg_is_in_recovery_0() AS false",
                "CREATE OR REPLACE TEMP MACRO ww_pg_postmaster_start_time_0() AS now()",
                "CREATE OR REPLACE TEMP MACRO ww_pg_is_other_temp_schema_1(x) AS false",
                "CREATE OR REPLACE TEMP MACRO ww_pg_my_temp_schema_0() AS 0",
                "CREATE OR REPLACE TEMP MACRO ww_txid_current_0() AS 1",
                "CREATE OR REPLACE TEMP MACRO ww_pg_char_to_encoding_1(x) AS 6",
                // filled from pg_proc's ww_result/ww_arguments columns each time a query loads pg_proc
                "CREATE TEMP TABLE IF NOT EXISTS " + FUNCTION_TEXTS + " (oid BIGINT, result VARCHAR, arguments VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_function_result_1(x) AS (SELECT max(result) FROM " + FUNCTION_TEXTS + " WHERE oid = x)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_function_arguments_1(x) AS (SELECT coalesce(max(arguments), '') FROM " + FUNCTION_TEXTS + " WHERE oid = x)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_function_identity_arguments_1(x) AS (SELECT coalesce(max(arguments), '') FROM " + FUNCTION_TEXTS + " WHERE oid = x)",
                "CREATE OR REPLACE TEMP MACRO ww_array_length_2(a, d) AS CASE WHEN len(a) = 0 THEN NULL ELSE len(a) END",
                "CREATE OR REPLACE TEMP MACRO ww_array_upper_2(a, d) AS CASE WHEN len(a) = 0 THEN NULL ELSE len(a) END",
                "CREATE OR REPLACE TEMP MACRO ww_array_lower_2(a, d) AS CASE WHEN len(a) = 0 THEN NULL ELSE 1 END",
                "CREATE OR REPLACE TEMP MACRO ww_cardinality_1(a) AS len(a)",
                "CREATE OR REPLACE TEMP MACRO ww_jsonb_typeof_1(j) AS CASE json_type(j) WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' ELSE lower(json_type(j)) END",
                "CREATE OR REPLACE TEMP MACRO ww_jsonb_array_length_1(j) AS CAST(json_array_length(j) AS INTEGER)",
                "CREATE OR REPLACE TEMP MACRO ww_to_timestamp_1(x) AS to_timestamp(CAST(x AS DOUBLE))",
                "CREATE OR REPLACE TEMP MACRO ww_pg_typeof_1(x) AS CASE typeof(x) WHEN 'INTEGER' THEN 'integer' WHEN 'BIGINT' THEN 'bigint' WHEN 'SMALLINT' THEN 'smallint' WHEN 'VARCHAR' THEN 'text' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'DOUBLE' THEN 'double precision' WHEN 'FLOAT' THEN 'real' WHEN 'DATE' THEN 'date' WHEN 'TIMESTAMP' THEN 'timestamp without time zone' WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'timestamp with time zone' WHEN 'JSON' THEN 'jsonb' WHEN 'INTERVAL' THEN 'interval' WHEN 'UUID' THEN 'uuid' WHEN 'HUGEINT' THEN 'numeric' ELSE CASE WHEN typeof(x) LIKE 'DECIMAL%' THEN 'numeric' ELSE lower(typeof(x)) END END",
                "CREATE OR REPLACE TEMP MACRO ww_quote_literal_1(s) AS '''' || replace(CAST(s AS VARCHAR), '''', '''''') || ''''",
                "CREATE OR REPLACE TEMP MACRO ww_quote_nullable_1(s) AS CASE WHEN s IS NULL THEN 'NULL' ELSE '''' || replace(CAST(s AS VARCHAR), '''', '''''') || '''' END",
                "CREATE OR REPLACE TEMP MACRO ww_pg_relation_is_publishable_1(x) AS false",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_partkeydef_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_serial_sequence_2(x, y) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_pg_get_function_sqlbody_1(x) AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_jsonb_exists_any_2(j, ks) AS CASE WHEN json_type(j) = 'ARRAY' THEN len(list_intersect(CAST(j AS VARCHAR[]), ks)) > 0 WHEN json_type(j) = 'OBJECT' THEN len(list_intersect(json_keys(j), ks)) > 0 ELSE false END",
                "CREATE OR REPLACE TEMP MACRO ww_jsonb_exists_all_2(j, ks) AS CASE WHEN json_type(j) = 'ARRAY' THEN len(list_intersect(CAST(j AS VARCHAR[]), ks)) = len(list_distinct(ks)) WHEN json_type(j) = 'OBJECT' THEN len(list_intersect(json_keys(j), ks)) = len(list_distinct(ks)) ELSE false END",
                "CREATE OR REPLACE TEMP MACRO ww_initcap_1(s) AS array_to_string(list_transform(string_split(lower(s), ' '), w -> upper(w[1]) || w[2:]), ' ')",
                "CREATE OR REPLACE TEMP MACRO ww_set_config_3(a, b, c) AS b",
                "CREATE OR REPLACE TEMP MACRO ww_inet_server_addr_0() AS CAST(NULL AS VARCHAR)",
                "CREATE OR REPLACE TEMP MACRO ww_inet_server_port_0() AS CAST(NULL AS INTEGER)");
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("has_table_privilege", "has_privilege"),
            Map.entry("has_schema_privilege", "has_privilege"),
            Map.entry("has_database_privilege", "has_privilege"),
            Map.entry("has_column_privilege", "has_privilege"),
            Map.entry("has_function_privilege", "has_privilege"),
            Map.entry("has_sequence_privilege", "has_privilege"),
            Map.entry("has_foreign_data_wrapper_privilege", "has_privilege"),
            Map.entry("has_server_privilege", "has_privilege"),
            Map.entry("has_type_privilege", "has_privilege"),
            Map.entry("has_any_column_privilege", "has_privilege"),
            Map.entry("pg_has_role", "has_privilege"));

    private static final java.util.Set<String> NAMES;

    static {
        var names = new java.util.HashSet<String>();
        for (String def : definitions("u", "d")) {
            int start = def.indexOf("ww_") + 3;
            names.add(def.substring(start, def.indexOf('(', start)));
        }
        NAMES = java.util.Set.copyOf(names);
    }

    /** The macro that implements {@code function} called with {@code arity} arguments, if any. */
    public static java.util.Optional<String> macroFor(String function, int arity) {
        String f = ALIASES.getOrDefault(function.toLowerCase(java.util.Locale.ROOT), function.toLowerCase(java.util.Locale.ROOT));
        String name = f + "_" + arity;
        return NAMES.contains(name) ? java.util.Optional.of("ww_" + name) : java.util.Optional.empty();
    }

    static String literal(String s) {
        return "'" + (s == null ? "" : s.replace("'", "''")) + "'";
    }
}
