package io.wirewrap.fdw;

/** The SQLSTATE codes sources raise; the server sends them verbatim in ErrorResponse. */
public final class SqlState {
    private SqlState() {}

    public static final String FDW_ERROR = "HV000";
    public static final String FDW_INVALID_OPTION_NAME = "HV00D";
    public static final String FDW_OPTION_NAME_NOT_FOUND = "HV00J";
    public static final String FDW_UNABLE_TO_ESTABLISH_CONNECTION = "HV00N";
    public static final String FDW_TABLE_NOT_FOUND = "HV00R";
    public static final String FDW_INVALID_ATTRIBUTE_VALUE = "HV024";
    public static final String FDW_COLUMN_NAME_NOT_FOUND = "HV005";
    public static final String FDW_INVALID_DATA_TYPE = "HV004";
    public static final String FDW_DYNAMIC_PARAMETER_VALUE_NEEDED = "HV002";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String QUERY_CANCELED = "57014";
    public static final String CONFIGURATION_LIMIT_EXCEEDED = "53400";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String NULL_VALUE_NOT_ALLOWED = "22004";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String INTERNAL_ERROR = "XX000";
}
