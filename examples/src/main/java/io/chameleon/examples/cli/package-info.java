/**
 * The {@code chameleon} command line: pg_chameleon's commands ({@code create_replica_schema},
 * {@code add_source}, {@code init_replica}, {@code start_replica}, {@code show_status}, ...)
 * over {@link io.chameleon.ReplicaManager}, configured by a pg_chameleon 2.0 style YAML file.
 *
 * <p>{@link io.chameleon.examples.cli.ChameleonCli} is the entry point; {@link
 * io.chameleon.examples.cli.ChameleonCliConfig} reads and checks the configuration file.
 */
package io.chameleon.examples.cli;
