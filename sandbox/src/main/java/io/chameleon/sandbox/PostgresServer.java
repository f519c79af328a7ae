package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running PostgreSQL server.
 *
 * <p>{@link #user()} is a superuser. On the embedded provider it is {@code postgres} with a
 * random password, and every connection, TCP or Unix socket, is checked with
 * {@code scram-sha-256} (the sandbox rewrites {@code pg_hba.conf} after {@code initdb}, which
 * zonky runs with {@code -A trust}).
 *
 * <p>Instances are thread-safe. {@link #toString()} never shows the password.
 */
public final class PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String DUPLICATE_DATABASE = "42P04";

    private final ServerProcess process;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String urlOptions;
    private final DatabaseNames names = new DatabaseNames();

    /**
     * Wraps a started, verified PostgreSQL.
     *
     * @param process where it listens and how to stop and start it
     * @param user the superuser for callers
     * @param password its password
     * @param adminDatabase the database to connect to for {@code CREATE DATABASE}
     * @param urlOptions pgjdbc options for every URL, without {@code ?}; may be empty
     */
    PostgresServer(ServerProcess process, String user, String password, String adminDatabase,
            String urlOptions) {
        this.process = Objects.requireNonNull(process);
        this.user = Objects.requireNonNull(user);
        this.password = Objects.requireNonNull(password);
        this.adminDatabase = Objects.requireNonNull(adminDatabase);
        this.urlOptions = Objects.requireNonNull(urlOptions);
    }

    /**
     * The host to connect to.
     *
     * @return e.g. {@code localhost}
     */
    public String host() {
        return process.host();
    }

    /**
     * The port to connect to. Stable across {@link #restart()} on the embedded provider; the
     * containers provider may map a new port after a restart.
     *
     * @return the TCP port
     */
    public int port() {
        return process.port();
    }

    /**
     * The superuser account.
     *
     * @return e.g. {@code postgres}
     */
    public String user() {
        return user;
    }

    /**
     * The password of {@link #user()}.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    /**
     * A pgjdbc URL for one database.
     *
     * @param database the database name
     * @return e.g. {@code jdbc:postgresql://localhost:41235/orders_1}
     */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return JdbcUrl.format("postgresql", host(), port(), database, urlOptions);
    }

    /**
     * Creates a new, empty database with a unique safe name made from the hint, such as
     * {@code orders_3}: lower case, letters, digits and underscores only. Every call gives a
     * database no one else was given.
     *
     * @param hint any text that says what the database is for
     * @return the new database, owned by {@link #user()}
     * @throws SQLException if the server refuses to create it
     */
    public PostgresDatabase createDatabase(String hint) throws SQLException {
        try (Connection connection = openConnection(adminDatabase)) {
            for (int attempt = 0; ; attempt++) {
                String name = names.next(hint);
                try {
                    Sql.executeAll(connection, "CREATE DATABASE \"" + name + "\"");
                    LOG.debug("created PostgreSQL database {}", name);
                    return new PostgresDatabase(this, name);
                } catch (SQLException e) {
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState()) || attempt >= 1000) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Stops the server (a fast shutdown), keeping its data directory. Does nothing if it is
     * already stopped.
     *
     * @throws UnsupportedOperationException on the external provider
     */
    public void stop() {
        process.stop();
    }

    /**
     * Starts the server again on the same data directory (embedded: same port too) and waits
     * until it accepts connections. Does nothing if it is running.
     *
     * @throws SandboxStartException if it does not come back
     * @throws UnsupportedOperationException on the external provider
     */
    public void start() {
        process.start();
    }

    /**
     * {@link #stop()} then {@link #start()}; committed data survives.
     *
     * @throws SandboxStartException if it does not come back
     * @throws UnsupportedOperationException on the external provider
     */
    public void restart() {
        process.stop();
        process.start();
    }

    /**
     * Opens a connection to one database as {@link #user()}.
     *
     * @param database database name
     * @return a new autocommit connection
     * @throws SQLException if the server refuses it
     */
    Connection openConnection(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Stops the server for good; used by the JVM shutdown hook. */
    void close() {
        process.close();
    }

    /**
     * Describes the server without its password.
     *
     * @return e.g. {@code PostgresServer[jdbc:postgresql://localhost:41235/postgres user=postgres
     *     password=******]}
     */
    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl(adminDatabase) + " user=" + user + " password="
                + Secrets.MASK + "]";
    }
}
