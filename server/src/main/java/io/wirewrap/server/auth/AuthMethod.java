package io.wirewrap.server.auth;

/** How clients prove who they are, as pg_hba.conf names the methods. */
public enum AuthMethod {
    /** SCRAM-SHA-256 (the default, as in PostgreSQL 14+). */
    SCRAM,
    /** MD5 challenge; roles without an md5 hash fall back to SCRAM, as in PostgreSQL. */
    MD5,
    /** Cleartext password: only sensible over TLS. */
    PASSWORD,
    /** No password: any existing role may connect. */
    TRUST
}
