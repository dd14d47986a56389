package io.wirewrap.sql.session;

import io.wirewrap.sql.api.SqlError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run-time parameters wirewrap knows: defaults, PostgreSQL's spelling, which ones are reported to the
 * client (GUC_REPORT) and how values are checked and normalised. Unknown names without a dot are rejected
 * like PostgreSQL does ({@code 42704}); dotted names are custom placeholders and accepted as text.
 */
public final class Gucs {
    private Gucs() {}

    /** The PostgreSQL release wirewrap presents itself as. psql and pgjdbc read the leading "15.8". */
    public static final String SERVER_VERSION = "15.8 (wirewrap 0.1)";
    public static final String SERVER_VERSION_NUM = "150008";
    public static final String VERSION_STRING =
            "PostgreSQL " + SERVER_VERSION + " on x86_64-pc-linux-gnu, compiled by javac, 64-bit";

    /** Parameters sent as ParameterStatus at startup and whenever they change, in PostgreSQL's spelling. */
    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

    /** Read-only parameters: SET on them is {@code 55P02}. */
    private static final List<String> READ_ONLY = List.of("server_version", "server_version_num", "server_encoding",
            "integer_datetimes", "is_superuser", "in_hot_standby", "max_identifier_length", "block_size",
            "lc_collate", "lc_ctype", "max_connections", "session_authorization", "data_checksums");

    private static final Map<String, String> CANONICAL = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        def("application_name", "");
        def("client_encoding", "UTF8");
        def("DateStyle", "ISO, MDY");
        def("default_transaction_read_only", "off");
        def("default_transaction_isolation", "read committed");
        def("in_hot_standby", "off");
        def("integer_datetimes", "on");
        def("IntervalStyle", "postgres");
        def("is_superuser", "off");
        def("server_encoding", "UTF8");
        def("server_version", SERVER_VERSION);
        def("server_version_num", SERVER_VERSION_NUM);
        def("session_authorization", "");
        def("standard_conforming_strings", "on");
        def("TimeZone", "UTC");
        def("extra_float_digits", "1");
        def("search_path", "\"$user\", public");
        def("statement_timeout", "0");
        def("lock_timeout", "0");
        def("idle_in_transaction_session_timeout", "0");
        def("transaction_isolation", "read committed");
        def("transaction_read_only", "off");
        def("bytea_output", "hex");
        def("client_min_messages", "notice");
        def("lc_messages", "C");
        def("lc_monetary", "C");
        def("lc_numeric", "C");
        def("lc_time", "C");
        def("lc_collate", "C");
        def("lc_ctype", "C");
        def("max_identifier_length", "63");
        def("block_size", "8192");
        def("max_connections", "100");
        def("data_checksums", "off");
        def("work_mem", "4MB");
        def("jit", "off");
        def("timezone_abbreviations", "Default");
        def("row_security", "on");
        def("synchronous_commit", "on");
        def("escape_string_warning", "on");
        def("backslash_quote", "safe_encoding");
        def("check_function_bodies", "on");
        def("default_tablespace", "");
        def("xmloption", "content");
        def("geqo", "on");
        def("enable_seqscan", "on");
        def("log_statement", "none");
        def("tcp_keepalives_idle", "0");
        def("idle_session_timeout", "0");
    }

    private static void def(String name, String value) {
        CANONICAL.put(name, name);
        DEFAULTS.put(name, value);
    }

    /** Default values (name in PostgreSQL's spelling to value), for a fresh session and RESET ALL. */
    public static Map<String, String> defaults() {
        return DEFAULTS;
    }

    /** PostgreSQL's spelling of a known parameter ("datestyle" to "DateStyle"); custom "a.b" names as given. */
    public static Optional<String> canonical(String name) {
        String c = CANONICAL.get(name);
        if (c != null) return Optional.of(c);
        if (name.indexOf('.') > 0) return Optional.of(name.toLowerCase(Locale.ROOT));
        return Optional.empty();
    }

    public static String canonicalOrThrow(String name) {
        return canonical(name).orElseThrow(() -> unrecognized(name));
    }

    public static SqlError unrecognized(String name) {
        return new SqlError("42704", "unrecognized configuration parameter \"" + name + "\"");
    }

    public static boolean isReadOnly(String canonicalName) {
        return READ_ONLY.contains(canonicalName);
    }

    /** Checks a value for SET and returns it in the form SHOW prints; throws {@code 22023}/{@code 0A000} when bad. */
    public static String normalize(String name, String value) {
        String v = value.trim();
        return switch (name) {
            case "extra_float_digits" -> {
                int d = intValue(name, v);
                if (d < -15 || d > 3) throw outOfRange(name, v, "-15 .. 3");
                yield Integer.toString(d);
            }
            case "client_encoding" -> {
                String e = v.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                yield switch (e) {
                    case "UTF8", "UNICODE" -> "UTF8";
                    case "SQLASCII" -> "SQL_ASCII";
                    default -> throw new SqlError("0A000", "client encoding \"" + v + "\" is not supported",
                            null, "wirewrap always sends UTF8", 0, null);
                };
            }
            case "DateStyle" -> dateStyle(v);
            case "IntervalStyle" -> {
                if (!v.equalsIgnoreCase("postgres")) {
                    throw new SqlError("0A000", "IntervalStyle \"" + v + "\" is not supported", null,
                            "wirewrap supports IntervalStyle postgres", 0, null);
                }
                yield "postgres";
            }
            case "TimeZone" -> timeZone(v);
            case "standard_conforming_strings" -> {
                if (!bool(name, v)) throw new SqlError("0A000", "standard_conforming_strings off is not supported");
                yield "on";
            }
            case "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "idle_session_timeout" ->
                    showDuration(durationMillis(name, v));
            case "default_transaction_read_only", "transaction_read_only", "jit", "row_security", "geqo",
                    "enable_seqscan", "check_function_bodies", "escape_string_warning" -> bool(name, v) ? "on" : "off";
            case "transaction_isolation", "default_transaction_isolation" -> isolation(v);
            case Transaction.REMOTE_WRITES -> switch (v.toLowerCase(Locale.ROOT)) {
                case "warn", "error" -> v.toLowerCase(Locale.ROOT);
                default -> throw new SqlError("22023", "invalid value for parameter \"" + name + "\": \"" + v + "\"", null,
                        "Available values: warn, error.", 0, null);
            };
            default -> v;
        };
    }

    /** {@code statement_timeout} and friends: a number of ms, or with a unit (ms, s, min, h, d). */
    public static long durationMillis(String name, String value) {
        String s = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        String num = s;
        for (var unit : List.of(Map.entry("ms", 1L), Map.entry("min", 60_000L), Map.entry("s", 1000L),
                Map.entry("h", 3_600_000L), Map.entry("d", 86_400_000L))) {
            if (s.endsWith(unit.getKey())) {
                mult = unit.getValue();
                num = s.substring(0, s.length() - unit.getKey().length());
                break;
            }
        }
        try {
            long n = Long.parseLong(num);
            if (n < 0) throw outOfRange(name, value, "0 .. 2147483647");
            return n * mult;
        } catch (NumberFormatException e) {
            throw new SqlError("22023", "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        }
    }

    /** As SHOW prints a duration: 0, 250ms, 5s, 2min, 1h. */
    static String showDuration(long ms) {
        if (ms == 0) return "0";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "min";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    private static String dateStyle(String v) {
        String u = v.toUpperCase(Locale.ROOT);
        String order = u.contains("DMY") || u.contains("EURO") ? "DMY" : u.contains("YMD") ? "YMD" : "MDY";
        if (u.contains("SQL") || u.contains("POSTGRES") || u.contains("GERMAN")) {
            throw new SqlError("0A000", "DateStyle \"" + v + "\" is not supported", null,
                    "wirewrap prints dates in ISO format only", 0, null);
        }
        return "ISO, " + order;
    }

    private static String timeZone(String v) {
        String z = v;
        if (z.equalsIgnoreCase("utc") || z.equalsIgnoreCase("gmt") || z.equalsIgnoreCase("z")) return "UTC";
        if (z.equalsIgnoreCase("local") || z.equalsIgnoreCase("default")) return "UTC";
        try {
            zoneOf(z);
            return z;
        } catch (DateTimeException e) {
            throw new SqlError("22023", "invalid value for parameter \"TimeZone\": \"" + v + "\"");
        }
    }

    /** The zone a TimeZone setting names (IANA names, UTC, fixed offsets such as +02:00). */
    public static ZoneId zoneOf(String setting) {
        try {
            return ZoneId.of(setting, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            // PostgreSQL accepts case-insensitive IANA names ("europe/berlin")
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(setting)) return ZoneId.of(id);
            }
            throw e;
        }
    }

    private static String isolation(String v) {
        String s = v.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        return switch (s) {
            case "read committed", "read uncommitted", "repeatable read", "serializable" -> s;
            default -> throw new SqlError("22023", "invalid value for parameter \"transaction_isolation\": \"" + v + "\"");
        };
    }

    public static boolean bool(String name, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> throw new SqlError("22023", "parameter \"" + name + "\" requires a Boolean value");
        };
    }

    private static int intValue(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new SqlError("22023", "invalid value for parameter \"" + name + "\": \"" + v + "\"");
        }
    }

    private static SqlError outOfRange(String name, String v, String range) {
        return new SqlError("22023", v + " is outside the valid range for parameter \"" + name + "\" (" + range + ")");
    }
}
