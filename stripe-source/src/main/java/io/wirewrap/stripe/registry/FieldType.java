package io.wirewrap.stripe.registry;

import io.wirewrap.fdw.ColumnType;

/** The shape of one top-level field of a Stripe object, as the spec declares it. */
public enum FieldType {
    TEXT, INT8, BOOL, NUMERIC, TIMESTAMP, JSONB;

    /** The column type IMPORT FOREIGN SCHEMA proposes for a field of this shape. */
    public ColumnType columnType() {
        return switch (this) {
            case TEXT -> ColumnType.TEXT;
            case INT8 -> ColumnType.INT8;
            case BOOL -> ColumnType.BOOL;
            case NUMERIC -> ColumnType.NUMERIC;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            case JSONB -> ColumnType.JSONB;
        };
    }

    public boolean scalar() {
        return this != JSONB;
    }
}
