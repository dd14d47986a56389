package io.wirewrap.sql.api;

/**
 * One column of a RowDescription. {@code typeSize} and {@code typeModifier} as PostgreSQL reports them
 * (-1 for variable length / no modifier); table OID and attribute number 0 when not a plain table column.
 */
public record ResultColumn(String name, int typeOid, short typeSize, int typeModifier, int tableOid, short attributeNumber) {
    public static ResultColumn of(String name, int typeOid) {
        return new ResultColumn(name, typeOid, TypeSizes.of(typeOid), -1, 0, (short) 0);
    }
}
