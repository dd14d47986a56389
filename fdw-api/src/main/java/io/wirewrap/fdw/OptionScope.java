package io.wirewrap.fdw;

/** Where an option list was written, for validation (as a PostgreSQL FDW validator receives its catalog). */
public enum OptionScope { WRAPPER, SERVER, USER_MAPPING, FOREIGN_TABLE, COLUMN }
