package io.wirewrap.sql.api;

/** pg_type.typlen of the types wirewrap sends. */
public final class TypeSizes {
    private TypeSizes() {}

    public static short of(int typeOid) {
        return switch (typeOid) {
            case 16, 18 -> 1;      // bool, char
            case 21 -> 2;          // int2
            case 23, 26, 700, 1082 -> 4; // int4, oid, float4, date
            case 20, 701, 1114, 1184, 1083 -> 8; // int8, float8, timestamp(tz), time
            case 2950 -> 16;       // uuid
            case 19 -> 64;         // name
            default -> -1;
        };
    }
}
