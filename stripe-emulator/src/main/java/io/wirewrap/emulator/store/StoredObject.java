package io.wirewrap.emulator.store;

/**
 * One object at rest: its JSON as UTF-8 bytes (compact, and a list page is these bytes joined) plus the values
 * of its type's indexed filter fields, so equality filters never parse JSON.
 *
 * @param index values aligned with {@link TypeStore#indexFields()}; multi-valued fields hold values joined by '\n'
 */
public record StoredObject(String id, long created, byte[] json, String[] index) {}
