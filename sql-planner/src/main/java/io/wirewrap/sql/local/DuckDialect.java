package io.wirewrap.sql.local;

import io.wirewrap.sql.api.SqlError;
import io.wirewrap.sql.pgcatalog.PgCatalogTables;
import io.wirewrap.sql.plan.PgLexer;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Writes a parsed PostgreSQL statement as DuckDB SQL: JSON operators become {@code json_extract[_string]} with
 * JSON paths, casts use DuckDB type names, regex operators become {@code regexp_matches}, catalog functions
 * become the {@link PgMacros}, and tables are substituted through {@link DialectHooks}. Walking the AST through
 * JSqlParser's deparser (rather than regexes on text) keeps literals and identifiers intact.
 */
public final class DuckDialect {
    private DuckDialect() {}

    /** Deparses {@code statement} in DuckDB dialect, reporting to and asking {@code hooks}. */
    public static String write(Statement statement, DialectHooks hooks) {
        StringBuilder out = new StringBuilder();
        Expr expr = new Expr(hooks);
        Sel sel = new Sel(expr, out, hooks);
        expr.setSelectVisitor(sel);
        expr.setBuilder(out);
        if (statement instanceof Select select) {
            select.accept((net.sf.jsqlparser.statement.select.SelectVisitor<StringBuilder>) sel, null);
        } else {
            StatementDeParser sd = new StatementDeParser(expr, sel, out);
            statement.accept(sd);
        }
        return out.toString();
    }

    /** Maps a PostgreSQL type as written in a cast to the DuckDB type; null when it needs special handling. */
    public static String castType(ColDataType type) {
        String t = type.getDataType().toLowerCase(Locale.ROOT).replace("\"", "").trim();
        if (t.startsWith("pg_catalog.")) t = t.substring(11);
        List<String> args = type.getArgumentsStringList();
        var withArgs = java.util.regex.Pattern.compile("([a-z0-9 ]+?)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)(.*)").matcher(t);
        if (withArgs.matches()) {
            args = withArgs.group(3) == null ? List.of(withArgs.group(2)) : List.of(withArgs.group(2), withArgs.group(3));
            t = (withArgs.group(1).trim() + withArgs.group(4)).trim();
        }
        boolean array = t.endsWith("[]") || (type.getArrayData() != null && !type.getArrayData().isEmpty());
        if (t.endsWith("[]")) t = t.substring(0, t.length() - 2);
        String base = switch (t) {
            case "jsonb", "json" -> "JSON";
            case "timestamptz", "timestamp with time zone" -> "TIMESTAMPTZ";
            case "timestamp", "timestamp without time zone" -> "TIMESTAMP";
            case "date" -> "DATE";
            case "time", "time without time zone" -> "TIME";
            case "text", "varchar", "character varying", "name", "char", "character", "bpchar", "citext" -> "VARCHAR";
            case "int", "integer", "int4" -> "INTEGER";
            case "int8", "bigint" -> "BIGINT";
            case "int2", "smallint" -> "SMALLINT";
            case "numeric", "decimal" -> args == null || args.isEmpty() ? "DECIMAL(38,10)"
                    : "DECIMAL(" + String.join(",", args) + (args.size() == 1 ? ",0" : "") + ")";
            case "float8", "double precision", "float" -> "DOUBLE";
            case "float4", "real" -> "REAL";
            case "bool", "boolean" -> "BOOLEAN";
            case "uuid" -> "UUID";
            case "bytea" -> "BLOB";
            case "interval" -> "INTERVAL";
            case "oid", "xid" -> "BIGINT";
            case "regproc", "regprocedure" -> "VARCHAR";
            case "regclass", "regtype", "regnamespace", "regrole" -> null;
            default -> throw SqlError.unsupported("type " + type.getDataType());
        };
        return base == null ? null : array ? base + "[]" : base;
    }

    static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A JSON path for DuckDB from one PostgreSQL {@code ->} key or index. */
    static String keyPath(String key) {
        return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Functions returning integer (int4) in PostgreSQL and BIGINT in DuckDB; their results are cast. */
    static final java.util.Set<String> INT4_RESULT = java.util.Set.of("length", "char_length", "character_length",
            "strpos", "position", "ascii", "array_length", "array_upper", "array_lower", "cardinality");

    static final class Expr extends ExpressionDeParser {
        private final DialectHooks hooks;
        private int tableFunctionDepth;
        /** Aliases of single-column set-returning functions in scope: PostgreSQL lets the alias stand for the value. */
        final java.util.Set<String> valueAliases = new java.util.HashSet<>();

        Expr(DialectHooks hooks) {
            this.hooks = hooks;
        }

        private StringBuilder out() {
            return getBuilder();
        }

        private void write(Expression e) {
            e.accept(this, null);
        }

        @Override
        public <S> StringBuilder visit(Column column, S context) {
            hooks.column(column);
            Table t = column.getTable();
            String name = column.getColumnName();
            if ((t == null || t.getName() == null) && isSessionKeyword(name)) {
                String lower = name.toLowerCase(Locale.ROOT);
                switch (lower) {
                    case "current_user", "session_user", "current_role", "user" -> out().append("ww_current_user_0()");
                    case "current_catalog" -> out().append("ww_current_database_0()");
                    case "current_schema" -> out().append("ww_current_schema_0()");
                    default -> out().append(name);
                }
                return out();
            }
            if ((t == null || t.getName() == null) && column.getArrayConstructor() == null
                    && valueAliases.contains(name.toLowerCase(Locale.ROOT))) {
                out().append(name).append(".value");
                return out();
            }
            if (t != null && t.getName() != null) {
                // a schema-qualified column reference (stripe.customers.id) names the table by its last part,
                // which is the alias the writer gives substituted tables
                out().append(t.getName()).append('.');
            }
            out().append(name);
            if (column.getArrayConstructor() != null) {
                // subscripts: col[i] (both PostgreSQL and DuckDB lists are 1-based), col[i:j]
                for (Expression index : column.getArrayConstructor().getExpressions()) {
                    out().append('[');
                    write(index);
                    out().append(']');
                }
            }
            return out();
        }

        private static boolean isSessionKeyword(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "current_user", "session_user", "current_role", "current_catalog", "current_schema", "user" -> true;
                default -> false;
            };
        }

        @Override
        public <S> StringBuilder visit(net.sf.jsqlparser.expression.operators.arithmetic.Division d, S context) {
            if (!NumericKind.numericDivision(d.getLeftExpression(), d.getRightExpression(), hooks)) return super.visit(d, context);
            // PostgreSQL divides numerics exactly into a numeric; DuckDB's "/" would return a double
            return call("ww_numeric_div", List.of(d.getLeftExpression(), d.getRightExpression()));
        }

        @Override
        public <S> StringBuilder visit(JdbcParameter p, S context) {
            if (p.getIndex() != null && "$".equals(p.getParameterCharacter())) {
                hooks.parameter(p.getIndex());
                out().append(hooks.parameterSql(p.getIndex()));
                return out();
            }
            throw SqlError.unsupported("positional parameter \"?\" (use $1, $2, ...)");
        }

        @Override
        public <S> StringBuilder visit(AllTableColumns columns, S context) {
            hooks.allTableColumns(columns);
            out().append(columns.getTable().getName()).append(".*");
            return out();
        }

        @Override
        public <S> StringBuilder visit(Function f, S context) {
            List<String> parts = f.getMultipartName();
            String name = parts.get(parts.size() - 1).replace("\"", "");
            String lower = name.toLowerCase(Locale.ROOT);
            List<Expression> args = arguments(f);
            if (parts.size() > 1 && parts.get(0).equalsIgnoreCase("information_schema") && lower.equals("_pg_expandarray") && args.size() == 1) {
                // pgjdbc's getPrimaryKeys: one row per array element, as a record (x = element, n = 1-based index)
                out().append("unnest(list_transform(range(1, len(");
                write(args.get(0));
                out().append(") + 1), ww_i -> struct_pack(x := (");
                write(args.get(0));
                out().append(")[ww_i], n := ww_i)))");
                return out();
            }
            if (parts.size() > 1 && !parts.get(0).equalsIgnoreCase("pg_catalog")) {
                throw SqlError.unsupported("function " + String.join(".", parts));
            }
            if (lower.equals("pg_table_is_visible") && args.size() == 1) {
                hooks.needsSystemRelation("pg_class");
                hooks.needsSystemRelation("pg_namespace");
                String cls = hooks.systemTable("pg_class");
                String ns = hooks.systemTable("pg_namespace");
                if (cls != null && ns != null) {
                    // visible when the relation's schema is on the search path (pg_catalog always is)
                    out().append("COALESCE((SELECT ww_n.nspname IN (").append(searchPathList()).append(") FROM ").append(cls)
                            .append(" ww_c JOIN ").append(ns).append(" ww_n ON ww_n.oid = ww_c.relnamespace WHERE ww_c.oid = ");
                    write(args.get(0));
                    out().append(" LIMIT 1), false)");
                    return out();
                }
            }
            if (lower.equals("current_setting") && args.size() >= 1 && args.get(0) instanceof StringValue sv) {
                String v = hooks.setting(sv.getValue());
                if (v == null) {
                    if (args.size() > 1) {
                        out().append("CAST(NULL AS VARCHAR)");
                        return out();
                    }
                    throw new SqlError("42704", "unrecognized configuration parameter \"" + sv.getValue() + "\"");
                }
                out().append(quoteLiteral(v));
                return out();
            }
            if (lower.equals("pg_get_userbyid") && args.size() == 1) {
                hooks.needsSystemRelation("pg_roles");
                String roles = hooks.systemTable("pg_roles");
                if (roles != null) {
                    out().append("COALESCE((SELECT rolname FROM ").append(roles).append(" WHERE oid = ");
                    write(args.get(0));
                    out().append(" LIMIT 1), 'unknown (OID=' || CAST(");
                    write(args.get(0));
                    out().append(" AS VARCHAR) || ')')");
                    return out();
                }
            }
            if (writeDescription(lower, args)) return out();
            if (writePrivilegeCheck(lower, args)) return out();
            var macro = PgMacros.macroFor(lower, args.size());
            if (macro.isPresent() && !INT4_RESULT.contains(lower)) {
                out().append(macro.get()).append('(');
                writeList(args);
                out().append(')');
                return out();
            }
            switch (lower) {
                case "generate_series" -> {
                    if (tableFunctionDepth == 0) {
                        // a set-returning function in the select list: DuckDB's generate_series returns a list
                        boolean int4 = int4Literals(args);
                        out().append(int4 ? "CAST(unnest(generate_series(" : "unnest(generate_series(");
                        writeList(args);
                        out().append(int4 ? ")) AS INTEGER)" : "))");
                        return out();
                    }
                }
                case "avg" -> {
                    if (args.size() == 1 && args.get(0) instanceof Column c && hooks.exactNumeric(c)) {
                        // PostgreSQL's avg of integers and numerics is numeric; DuckDB's is double
                        out().append("CAST(");
                        super.visit(f, context);
                        out().append(" AS DECIMAL(38,10))");
                        return out();
                    }
                }
                case "every" -> {
                    f.setName("bool_and");
                    return super.visit(f, context);
                }
                case "octet_length" -> {
                    out().append("CAST(strlen(");
                    writeList(args);
                    out().append(") AS INTEGER)");
                    return out();
                }
                case "length", "char_length", "character_length", "strpos", "position", "ascii",
                        "array_length", "array_upper", "array_lower", "cardinality" -> {
                    // these return integer (int4) in PostgreSQL, BIGINT in DuckDB
                    out().append("CAST(");
                    var macro2 = PgMacros.macroFor(lower, args.size());
                    if (macro2.isPresent()) call(macro2.get(), args);
                    else if (lower.equals("char_length") || lower.equals("character_length")) call("length", args);
                    else super.visit(f, context);
                    out().append(" AS INTEGER)");
                    return out();
                }
                case "jsonb_build_object", "json_build_object" -> {
                    return call("json_object", args);
                }
                case "jsonb_build_array", "json_build_array" -> {
                    return call("json_array", args);
                }
                case "jsonb_agg", "json_agg" -> {
                    // DuckDB's json_group_array is a macro and takes no ORDER BY; list() does
                    out().append("CAST(to_json(");
                    f.setName("list");
                    try {
                        super.visit(f, context);
                    } finally {
                        f.setName(name);
                    }
                    out().append(") AS JSON)");
                    return out();
                }
                case "date_part" -> {
                    // double precision in PostgreSQL, BIGINT in DuckDB
                    out().append("CAST(");
                    super.visit(f, context);
                    out().append(" AS DOUBLE)");
                    return out();
                }
                case "jsonb_object_agg", "json_object_agg" -> {
                    f.setName("json_group_object");
                    return super.visit(f, context);
                }
                case "to_jsonb", "to_json" -> {
                    return call("to_json", args);
                }
                case "jsonb_extract_path_text", "json_extract_path_text", "jsonb_extract_path", "json_extract_path" -> {
                    boolean text = lower.endsWith("_text");
                    out().append(text ? "json_extract_string(" : "json_extract(");
                    write(args.get(0));
                    out().append(", ");
                    writePath(args.subList(1, args.size()));
                    out().append(')');
                    return out();
                }
                case "to_char" -> {
                    if (args.size() == 2 && args.get(1) instanceof StringValue fmt) {
                        out().append("strftime(");
                        write(args.get(0));
                        out().append(", ").append(quoteLiteral(ToChar.toStrftime(fmt.getValue()))).append(')');
                        return out();
                    }
                    throw SqlError.unsupported("to_char with a non-literal format");
                }
                case "date_trunc" -> {
                    // DuckDB truncates a timestamp to a DATE for day and coarser units; adding a zero interval
                    // gives back PostgreSQL's type (timestamp stays timestamp, timestamptz stays timestamptz)
                    out().append("(date_trunc(");
                    writeList(args);
                    out().append(") + INTERVAL '0 seconds')");
                    return out();
                }
                case "string_to_array" -> {
                    return call("string_split", args);
                }
                case "pg_sleep" -> {
                    return call("ww_pg_sleep", args);
                }
                case "nextval", "currval", "setval", "lo_import", "dblink", "pg_read_file" -> throw SqlError.unsupported("function " + lower);
                default -> {
                    // handled by DuckDB under the same name
                }
            }
            if (parts.size() > 1) f.setName(name);
            return super.visit(f, context);
        }

        private String searchPathList() {
            String path = hooks.setting("search_path");
            if (path == null) path = "\"$user\", public";
            StringBuilder b = new StringBuilder("'pg_catalog'");
            for (String part : path.split(",")) {
                String p = part.strip().replace("\"", "");
                if (p.isEmpty()) continue;
                if (p.equals("$user")) p = hooks.setting("session_authorization") != null ? hooks.setting("session_authorization") : "$user";
                b.append(", ").append(quoteLiteral(p));
            }
            return b.toString();
        }

        static boolean int4Literals(List<Expression> args) {
            if (args.size() < 2 || args.size() > 3) return false;
            for (Expression a : args) {
                Expression x = a instanceof SignedExpression se ? se.getExpression() : a;
                if (!(x instanceof LongValue lv) || Math.abs(lv.getValue()) > Integer.MAX_VALUE) return false;
            }
            return true;
        }

        private StringBuilder call(String name, List<Expression> args) {
            out().append(name).append('(');
            writeList(args);
            out().append(')');
            return out();
        }

        private void writeList(List<Expression> args) {
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) out().append(", ");
                write(args.get(i));
            }
        }

        private static List<Expression> arguments(Function f) {
            ExpressionList<?> p = f.getParameters();
            if (p == null) return List.of();
            return List.copyOf(p);
        }

        private void writePath(List<Expression> keys) {
            StringBuilder literal = new StringBuilder("$");
            for (Expression k : keys) {
                if (k instanceof StringValue sv) literal.append(keyPath(sv.getValue()).substring(1));
                else if (k instanceof LongValue lv) literal.append('[').append(lv.getValue()).append(']');
                else throw SqlError.unsupported("a JSON path element that is not a literal");
            }
            out().append(quoteLiteral(literal.toString()));
        }

        @Override
        public <S> StringBuilder visit(JsonExpression json, S context) {
            hooks.json(json);
            var idents = io.wirewrap.sql.plan.JsonSteps.of(json);
            // innermost first: a->'b'->>'c' is json_extract_string(json_extract(a, '$."b"'), '$."c"')
            for (int i = idents.size() - 1; i >= 0; i--) {
                String op = idents.get(i).getValue();
                out().append(op.equals("->>") ? "json_extract_string(" : "json_extract(");
            }
            write(json.getExpression());
            for (var ident : idents) {
                out().append(", ");
                writeJsonStep(ident.getKey());
                out().append(')');
            }
            return out();
        }

        private void writeJsonStep(Expression key) {
            if (key instanceof StringValue sv) {
                String v = sv.getValue();
                if (!v.isEmpty() && v.charAt(0) == PgLexer.PATH_MARK) {
                    StringBuilder path = new StringBuilder("$");
                    for (String el : PgLexer.pathElements(v.substring(1).replace("''", "'"))) {
                        if (el.matches("-?\\d+")) {
                            int idx = Integer.parseInt(el);
                            path.append(idx < 0 ? "[#" + idx + "]" : "[" + idx + "]");
                        } else {
                            path.append(keyPath(el).substring(1));
                        }
                    }
                    out().append(quoteLiteral(path.toString()));
                } else {
                    out().append(quoteLiteral(keyPath(v.replace("''", "'"))));
                }
            } else if (key instanceof LongValue lv) {
                out().append(quoteLiteral("$[" + lv.getValue() + "]"));
            } else if (key instanceof SignedExpression se && se.getSign() == '-' && se.getExpression() instanceof LongValue lv) {
                out().append(quoteLiteral("$[#-" + lv.getValue() + "]"));
            } else if (key instanceof JdbcParameter) {
                out().append("concat('$.\"', ");
                write(key);
                out().append(", '\"')");
            } else {
                throw SqlError.unsupported("a JSON operator with a computed key");
            }
        }

        @Override
        public <S> StringBuilder visit(CastExpression cast, S context) {
            ColDataType type = cast.getColDataType();
            String target = type == null ? null : castType(type);
            String written = type == null ? "" : type.getDataType().toLowerCase(Locale.ROOT).replace("pg_catalog.", "");
            if (target == null && type != null) {
                writeRegCast(written, cast.getLeftExpression());
                return out();
            }
            if (written.startsWith("regproc") && cast.getLeftExpression() instanceof StringValue sv) {
                // function names are stored as text in the emulated catalog: compare by bare name
                String n = sv.getValue();
                out().append(quoteLiteral(n.substring(n.lastIndexOf('.') + 1)));
                return out();
            }
            if (written.startsWith("regproc")) {
                hooks.needsSystemRelation("pg_proc");
                String proc = hooks.systemTable("pg_proc");
                if (proc == null) {
                    out().append("CAST(");
                    write(cast.getLeftExpression());
                    out().append(" AS VARCHAR)");
                } else {
                    out().append("COALESCE((SELECT proname FROM ").append(proc).append(" WHERE CAST(oid AS VARCHAR) = CAST(");
                    write(cast.getLeftExpression());
                    out().append(" AS VARCHAR) LIMIT 1), CAST(");
                    write(cast.getLeftExpression());
                    out().append(" AS VARCHAR))");
                }
                return out();
            }
            if (target.endsWith("[]") && cast.getLeftExpression() instanceof StringValue sv) {
                // a PostgreSQL array literal '{a,b}' becomes a DuckDB list of the element type
                out().append("CAST([");
                List<String> els = PgLexer.pathElements(sv.getValue().replace("''", "'"));
                for (int i = 0; i < els.size(); i++) {
                    if (i > 0) out().append(", ");
                    out().append(els.get(i).equalsIgnoreCase("null") ? "NULL" : quoteLiteral(els.get(i)));
                }
                out().append("] AS ").append(target).append(')');
                return out();
            }
            out().append("CAST(");
            write(cast.getLeftExpression());
            out().append(" AS ").append(target).append(')');
            return out();
        }

        /** The {@code has_*_privilege} functions answered from pg_catalog.ww_privileges, by the kind of object they ask about. */
        private static final java.util.Map<String, String> PRIVILEGE_KINDS = java.util.Map.of(
                "has_table_privilege", "table", "has_any_column_privilege", "table", "has_schema_privilege", "schema",
                "has_server_privilege", "server", "has_foreign_data_wrapper_privilege", "fdw",
                "has_function_privilege", "function", "has_database_privilege", "database");

        /**
         * {@code has_table_privilege([role,] object, 'select, insert')} and its siblings: true when the role (the
         * current user unless named, by name or OID) holds any of the listed privileges, false when not, NULL when
         * the object (an OID or a name, schema-qualified or found along search_path) does not exist. The rows come
         * from the same rules the engine enforces. False when the call is not one of these (the stubs then answer).
         */
        private boolean writePrivilegeCheck(String function, List<Expression> args) {
            String kind = PRIVILEGE_KINDS.get(function);
            if (kind == null || (args.size() != 2 && args.size() != 3)) return false;
            hooks.needsSystemRelation("ww_privileges");
            String table = hooks.systemTable("ww_privileges");
            if (table == null) return false;
            out().append("(SELECT CASE WHEN NOT bool_or(ww_obj) THEN NULL ELSE bool_or(ww_obj AND ww_role AND list_contains(")
                    .append("list_transform(string_split(lower(CAST(");
            write(args.get(args.size() - 1));
            out().append(" AS VARCHAR)), ','), ww_p -> trim(replace(ww_p, 'with grant option', ''))), privilege)) END FROM (SELECT privilege, ")
                    .append("CAST(objoid AS VARCHAR) = ww_name OR nsp || '.' || objname = ww_name OR (objname = ww_name AND (nsp IS NULL OR nsp IN (")
                    .append(searchPathList()).append("))) AS ww_obj, rolname = ww_rol OR CAST(roloid AS VARCHAR) = ww_rol AS ww_role FROM (SELECT *, ")
                    // a name is an identifier: folded to lower case unless quoted; a function's may carry (argument types)
                    .append("regexp_replace(CASE WHEN contains(ww_arg, '\"') THEN replace(ww_arg, '\"', '') ELSE lower(ww_arg) END, '\\s*\\(.*$', '') AS ww_name FROM (SELECT *, CAST(");
            write(args.get(args.size() - 2));
            out().append(" AS VARCHAR) AS ww_arg, CAST(");
            if (args.size() == 3) write(args.get(0));
            else out().append("ww_current_user_0()");
            out().append(" AS VARCHAR) AS ww_rol FROM ").append(table).append(" WHERE kind = ").append(quoteLiteral(kind)).append("))))");
            return true;
        }

        /**
         * {@code obj_description(oid, 'pg_class')}, {@code col_description(reloid, attnum)} and
         * {@code shobj_description(oid, 'pg_authid')} read the comments in pg_description / pg_shdescription, as psql's
         * {@code \\d+} and drivers' metadata calls expect. False when the call is not one of these with a literal catalog
         * name (the NULL-returning macros then answer).
         */
        private boolean writeDescription(String function, List<Expression> args) {
            boolean shared = function.equals("shobj_description");
            Expression subId = null;
            Integer classOid;
            if (function.equals("col_description") && args.size() == 2) {
                classOid = PgCatalogTables.SYSTEM_RELATION_OIDS.get("pg_class");
                subId = args.get(1);
            } else if ((function.equals("obj_description") || shared) && args.size() == 2 && args.get(1) instanceof StringValue sv) {
                classOid = PgCatalogTables.SYSTEM_RELATION_OIDS.get(sv.getValue().replace("pg_catalog.", ""));
                if (classOid == null) return false;
            } else {
                return false;
            }
            String rel = shared ? "pg_shdescription" : "pg_description";
            hooks.needsSystemRelation(rel);
            String table = hooks.systemTable(rel);
            if (table == null) return false;
            out().append("(SELECT description FROM ").append(table).append(" WHERE objoid = ");
            write(args.get(0));
            out().append(" AND classoid = ").append(classOid);
            if (!shared) {
                out().append(" AND objsubid = ");
                if (subId == null) out().append('0');
                else write(subId);
            }
            out().append(" LIMIT 1)");
            return true;
        }

        /**
         * {@code 'stripe.customers'::regclass} is the relation's OID; {@code oid::regclass} shows its name, qualified
         * when its schema is not on the search path, as PostgreSQL prints it. Same for regtype and regnamespace.
         */
        private void writeRegCast(String written, Expression operand) {
            String rel = written.equals("regtype") ? "pg_type" : written.equals("regnamespace") ? "pg_namespace" : written.equals("regrole") ? "pg_roles" : "pg_class";
            String nameCol = written.equals("regtype") ? "typname" : written.equals("regnamespace") ? "nspname" : written.equals("regrole") ? "rolname" : "relname";
            hooks.needsSystemRelation(rel);
            hooks.needsSystemRelation("pg_namespace");
            String table = hooks.systemTable(rel);
            String ns = hooks.systemTable("pg_namespace");
            if (table == null) {
                out().append("CAST(NULL AS VARCHAR)");
                return;
            }
            if (operand instanceof StringValue sv) {
                String n = sv.getValue();
                int dot = n.lastIndexOf('.');
                String bare = (dot < 0 ? n : n.substring(dot + 1)).replace("\"", "");
                Integer systemOid = rel.equals("pg_class") && (dot < 0 || n.substring(0, dot).replace("\"", "").equals("pg_catalog"))
                        ? PgCatalogTables.SYSTEM_RELATION_OIDS.get(bare) : null;
                if (systemOid != null) {
                    out().append("CAST(").append(systemOid).append(" AS BIGINT)");
                    return;
                }
                out().append("(SELECT oid FROM ").append(table).append(" WHERE ").append(nameCol).append(" = ").append(quoteLiteral(bare));
                if (dot > 0 && ns != null && (rel.equals("pg_class") || rel.equals("pg_type"))) {
                    String schema = n.substring(0, dot).replace("\"", "");
                    String nsCol = rel.equals("pg_class") ? "relnamespace" : "typnamespace";
                    out().append(" AND ").append(nsCol).append(" = (SELECT oid FROM ").append(ns).append(" WHERE nspname = ")
                            .append(quoteLiteral(schema)).append(" LIMIT 1)");
                }
                out().append(" LIMIT 1)");
                return;
            }
            if (rel.equals("pg_class") && ns != null) {
                out().append("(SELECT CASE WHEN ww_n.nspname IN ('pg_catalog', 'public') THEN ww_c.relname ELSE ww_n.nspname || '.' || ww_c.relname END FROM ")
                        .append(table).append(" ww_c JOIN ").append(ns).append(" ww_n ON ww_n.oid = ww_c.relnamespace WHERE ww_c.oid = ");
                write(operand);
                out().append(" LIMIT 1)");
                return;
            }
            out().append("(SELECT ").append(nameCol).append(" FROM ").append(table).append(" WHERE oid = ");
            write(operand);
            out().append(" LIMIT 1)");
        }

        @Override
        public <S> StringBuilder visit(net.sf.jsqlparser.expression.operators.relational.JsonOperator op, S context) {
            switch (op.getStringExpression()) {
                case "@>", "<@" -> {
                    boolean contains = op.getStringExpression().equals("@>");
                    out().append("json_contains(CAST(");
                    write(contains ? op.getLeftExpression() : op.getRightExpression());
                    out().append(" AS JSON), CAST(");
                    write(contains ? op.getRightExpression() : op.getLeftExpression());
                    out().append(" AS JSON))");
                }
                case "?|", "?&" -> {
                    out().append(op.getStringExpression().equals("?|") ? "ww_jsonb_exists_any_2(" : "ww_jsonb_exists_all_2(");
                    write(op.getLeftExpression());
                    out().append(", ");
                    write(op.getRightExpression());
                    out().append(')');
                }
                default -> throw SqlError.unsupported("operator " + op.getStringExpression());
            }
            return out();
        }

        @Override
        public <S> StringBuilder visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
            if (a.getName().equalsIgnoreCase("ntile")) {
                // integer in PostgreSQL, BIGINT in DuckDB
                out().append("CAST(");
                super.visit(a, context);
                out().append(" AS INTEGER)");
                return out();
            }
            return super.visit(a, context);
        }

        @Override
        public <S> StringBuilder visit(RegExpMatchOperator op, S context) {
            boolean not = switch (op.getOperatorType()) {
                case NOT_MATCH_CASESENSITIVE, NOT_MATCH_CASEINSENSITIVE -> true;
                default -> false;
            };
            boolean ci = switch (op.getOperatorType()) {
                case MATCH_CASEINSENSITIVE, NOT_MATCH_CASEINSENSITIVE -> true;
                default -> false;
            };
            if (not) out().append("NOT ");
            out().append("regexp_matches(");
            write(op.getLeftExpression());
            out().append(", ");
            write(op.getRightExpression());
            if (ci) out().append(", 'i'");
            out().append(')');
            return out();
        }

        @Override
        public <S> StringBuilder visit(LikeExpression like, S context) {
            // PostgreSQL's LIKE escapes with backslash by default; DuckDB has no default escape character
            if (like.getEscape() != null) return super.visit(like, context);
            like.setEscape(new StringValue("\\"));
            try {
                return super.visit(like, context);
            } finally {
                like.setEscape(null); // the AST is re-used by the planner and later executions
            }
        }

        @Override
        public <S> StringBuilder visit(EqualsTo eq, S context) {
            if (eq.getRightExpression() instanceof Function f && isAny(f)) {
                out().append("list_contains(");
                write(arguments(f).get(0));
                out().append(", ");
                write(eq.getLeftExpression());
                out().append(')');
                return out();
            }
            return super.visit(eq, context);
        }

        static boolean isAny(Function f) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            return (n.equals("any") || n.equals("some")) && f.getParameters() != null && f.getParameters().size() == 1;
        }

        @Override
        public <S> StringBuilder visit(ExtractExpression e, S context) {
            // PostgreSQL 14+ returns numeric from extract
            out().append("CAST(");
            super.visit(e, context);
            out().append(" AS DECIMAL(38,10))");
            return out();
        }

        @Override
        public <S> StringBuilder visit(TimeKeyExpression t, S context) {
            String k = t.getStringValue().toLowerCase(Locale.ROOT).replace("_", " ").trim();
            switch (k) {
                case "localtimestamp" -> out().append("CAST(now() AS TIMESTAMP)");
                case "current timestamp" -> out().append("now()");
                // a bare current_date can be taken for a column reference by DuckDB's binder
                case "current date" -> out().append("today()");
                case "current user", "session user", "current role" -> out().append("ww_current_user_0()");
                default -> out().append(t.getStringValue());
            }
            return out();
        }

        void enterTableFunction() {
            tableFunctionDepth++;
        }

        void exitTableFunction() {
            tableFunctionDepth--;
        }
    }

    static final class Sel extends SelectDeParser {
        private final DialectHooks hooks;
        private final Expr expr;

        Sel(Expr expr, StringBuilder out, DialectHooks hooks) {
            super(expr, out);
            this.expr = expr;
            this.hooks = hooks;
        }

        @Override
        public <S> StringBuilder visit(PlainSelect select, S context) {
            hooks.plainSelect(select);
            List<net.sf.jsqlparser.statement.select.FromItem> from = new java.util.ArrayList<>();
            if (select.getFromItem() != null) from.add(select.getFromItem());
            if (select.getJoins() != null) select.getJoins().forEach(j -> from.add(j.getRightItem()));
            for (var item : from) {
                if (item instanceof TableFunction tf && tf.getAlias() != null
                        && tf.getFunction().getName().toLowerCase(Locale.ROOT).matches("(pg_catalog\\.)?jsonb?_array_elements(_text)?")) {
                    expr.valueAliases.add(tf.getAlias().getName().toLowerCase(Locale.ROOT));
                }
            }
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getExpression() instanceof AllColumns && !(item.getExpression() instanceof AllTableColumns)) {
                    hooks.allColumns(select);
                }
            }
            return super.visit(select, context);
        }

        /**
         * {@code (a JOIN b ON ...)} left parenthesised (ParenthesizedJoins flattens what it safely can): the joins
         * inside go through this deparser too, so their tables are resolved and rewritten like any other
         * (JSqlParser's own version prints them with toString()).
         */
        @Override
        public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.ParenthesedFromItem item, S context) {
            getBuilder().append('(');
            item.getFromItem().accept(this, context);
            if (item.getJoins() != null) item.getJoins().forEach(this::deparseJoin);
            getBuilder().append(')');
            if (item.getAlias() != null) getBuilder().append(item.getAlias());
            return getBuilder();
        }

        @Override
        public <S> StringBuilder visit(WithItem<?> with, S context) {
            hooks.withName(with.getAliasName());
            return super.visit(with, context);
        }

        @Override
        public <S> StringBuilder visit(Table table, S context) {
            hooks.table(table);
            String replacement = hooks.replacement(table);
            if (replacement == null) return super.visit(table, context);
            getBuilder().append(replacement);
            Alias alias = table.getAlias();
            if (alias != null) {
                getBuilder().append(alias);
            } else {
                getBuilder().append(" AS ").append(table.getName());
            }
            return getBuilder();
        }

        @Override
        public <S> StringBuilder visit(TableFunction tf, S context) {
            Function f = tf.getFunction();
            String name = f.getName().toLowerCase(Locale.ROOT).replace("pg_catalog.", "").replace("information_schema.", "");
            List<Expression> args = f.getParameters() == null ? List.of() : List.copyOf(f.getParameters());
            StringBuilder out = getBuilder();
            nameSingleColumn(tf, name);
            switch (name) {
                case "jsonb_array_elements", "json_array_elements", "jsonb_array_elements_text", "json_array_elements_text" -> {
                    boolean text = name.endsWith("_text");
                    out.append("(SELECT ").append(text ? "CAST(unnest(CAST(" : "unnest(CAST(");
                    args.get(0).accept(expr, null);
                    out.append(" AS JSON[]))").append(text ? " ->> '$' AS VARCHAR)" : "").append(" AS value)");
                    out.append(tf.getAlias() != null ? tf.getAlias().toString() : " AS " + name);
                    return out;
                }
                case "jsonb_each", "json_each", "jsonb_each_text", "json_each_text" -> {
                    boolean text = name.endsWith("_text");
                    out.append("(SELECT k AS key, ").append(text ? "json_extract_string(" : "json_extract(").append("ww_j, '$.\"' || replace(k, '\"', '\\\"') || '\"') AS value FROM (SELECT ");
                    args.get(0).accept(expr, null);
                    out.append(" AS ww_j) AS ww_src, unnest(json_keys(ww_j)) AS ww_k(k))");
                    out.append(tf.getAlias() != null ? tf.getAlias().toString() : " AS " + name);
                    return out;
                }
                case "pg_options_to_table" -> {
                    // option arrays hold "name=value" strings
                    out.append("(SELECT split_part(ww_o, '=', 1) AS option_name, substr(ww_o, strpos(ww_o, '=') + 1) AS option_value FROM (SELECT unnest(");
                    args.get(0).accept(expr, null);
                    out.append(") AS ww_o))");
                    out.append(tf.getAlias() != null ? tf.getAlias().toString() : " AS pg_options_to_table");
                    return out;
                }
                case "jsonb_object_keys", "json_object_keys" -> {
                    out.append("(SELECT unnest(json_keys(");
                    args.get(0).accept(expr, null);
                    out.append(")) AS ").append(name).append(')');
                    out.append(tf.getAlias() != null ? tf.getAlias().toString() : " AS " + name);
                    return out;
                }
                case "generate_series" -> {
                    if (!Expr.int4Literals(args)) {
                        expr.enterTableFunction();
                        try {
                            return super.visit(tf, context);
                        } finally {
                            expr.exitTableFunction();
                        }
                    }
                    out.append("(SELECT CAST(generate_series AS INTEGER) AS generate_series FROM generate_series(");
                    for (int i = 0; i < args.size(); i++) {
                        if (i > 0) out.append(", ");
                        args.get(i).accept(expr, null);
                    }
                    out.append("))");
                    out.append(tf.getAlias() != null ? tf.getAlias().toString() : " AS generate_series");
                    return out;
                }
                default -> {
                    expr.enterTableFunction();
                    try {
                        return super.visit(tf, context);
                    } finally {
                        expr.exitTableFunction();
                    }
                }
            }
        }

        /** PostgreSQL lets {@code generate_series(..) s} name both the relation and its one column. */
        private static void nameSingleColumn(TableFunction tf, String function) {
            Alias a = tf.getAlias();
            if (a != null && !a.getName().contains("(") && (a.getAliasColumns() == null || a.getAliasColumns().isEmpty())
                    && (function.equals("generate_series") || function.equals("unnest"))) {
                tf.setAlias(new Alias(a.getName() + "(" + a.getName() + ")", a.isUseAs()));
            }
        }
    }
}
