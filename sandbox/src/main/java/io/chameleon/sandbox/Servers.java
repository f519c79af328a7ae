package io.chameleon.sandbox;

/**
 * The two servers a provider started.
 *
 * @param source the MariaDB/MySQL source
 * @param postgres the PostgreSQL target
 */
record Servers(SourceServer source, PostgresServer postgres) {}
