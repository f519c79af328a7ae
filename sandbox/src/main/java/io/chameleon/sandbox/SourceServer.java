package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running source server: MariaDB or MySQL with a ROW binlog, FULL row images and (where the
 * server has it) FULL row metadata.
 *
 * <p>{@link #user()} is a non-root account with {@code ALL PRIVILEGES ON *.* WITH GRANT OPTION}
 * and, named explicitly, what replication needs ({@code REPLICATION SLAVE},
 * {@code BINLOG MONITOR}/{@code REPLICATION CLIENT}, {@code SELECT}, {@code RELOAD},
 * {@code LOCK TABLES}); on the external provider it is whatever account was configured.
 *
 * <p>Instances are thread-safe. {@link #toString()} never shows the password.
 */
public final class SourceServer {

    private static final Logger LOG = LoggerFactory.getLogger(SourceServer.class);
    private static final int ER_DB_CREATE_EXISTS = 1007;

    private final SourceFlavor flavor;
    private final ServerProcess process;
    private final String user;
    private final String password;
    private final long serverId;
    private final String urlOptions;
    private final DatabaseNames names = new DatabaseNames();

    /**
     * Wraps a started, verified source.
     *
     * @param flavor MariaDB or MySQL
     * @param process where it listens and how to stop and start it
     * @param user the account for callers
     * @param password its password
     * @param serverId the server's {@code server_id}
     * @param urlOptions Connector/J options for every URL, without {@code ?}; may be empty
     */
    SourceServer(SourceFlavor flavor, ServerProcess process, String user, String password,
            long serverId, String urlOptions) {
        this.flavor = Objects.requireNonNull(flavor);
        this.process = Objects.requireNonNull(process);
        this.user = Objects.requireNonNull(user);
        this.password = Objects.requireNonNull(password);
        this.serverId = serverId;
        this.urlOptions = Objects.requireNonNull(urlOptions);
    }

    /**
     * Which server this is.
     *
     * @return {@link SourceFlavor#MARIADB} or {@link SourceFlavor#MYSQL}
     */
    public SourceFlavor flavor() {
        return flavor;
    }

    /**
     * The host to connect to.
     *
     * @return e.g. {@code 127.0.0.1}
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
     * The account to use for everything: DDL, DML and reading the binlog.
     *
     * @return the user name
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
     * The server's own {@code server_id}; binlog clients must use a different one.
     *
     * @return the value of {@code @@server_id}
     */
    public long serverId() {
        return serverId;
    }

    /**
     * A MariaDB Connector/J URL naming no database.
     *
     * @return e.g. {@code jdbc:mariadb://127.0.0.1:41234/}
     */
    public String jdbcUrl() {
        return jdbcUrl("");
    }

    /**
     * A MariaDB Connector/J URL naming a database.
     *
     * @param database the database (schema) name, or empty for none
     * @return e.g. {@code jdbc:mariadb://127.0.0.1:41234/orders_1}
     */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return JdbcUrl.format("mariadb", host(), port(), database, urlOptions);
    }

    /**
     * Opens a new connection as {@link #user()}, with no database selected, in autocommit mode.
     * The caller closes it.
     *
     * @return a new connection
     * @throws SQLException if the server refuses it
     */
    public Connection openConnection() throws SQLException {
        return openConnection("");
    }

    /**
     * Runs statements, in order, on a new connection with no database selected; stops at the
     * first failure.
     *
     * @param sql statements, one per string
     * @throws SQLException the first failure
     */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = openConnection()) {
            Sql.executeAll(connection, sql);
        }
    }

    /**
     * Creates a new, empty database with a unique safe name made from the hint, such as
     * {@code orders_3}: lower case, letters, digits and underscores only. Every call gives a
     * database no one else was given.
     *
     * @param hint any text that says what the database is for
     * @return the new database
     * @throws SQLException if the server refuses to create it
     */
    public SourceDatabase createDatabase(String hint) throws SQLException {
        try (Connection connection = openConnection()) {
            for (int attempt = 0; ; attempt++) {
                String name = names.next(hint);
                try {
                    Sql.executeAll(connection, "CREATE DATABASE `" + name + "`");
                    LOG.debug("created source database {}", name);
                    return new SourceDatabase(this, name);
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_DB_CREATE_EXISTS || attempt >= 1000) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Stops the server, keeping its data and binlogs, for fault tests. Does nothing if it is
     * already stopped.
     *
     * @throws UnsupportedOperationException on the external provider
     */
    public void stop() {
        process.stop();
    }

    /**
     * Starts the server again on the same data (embedded: same port too) and waits until it
     * accepts connections. Does nothing if it is running.
     *
     * @throws SandboxStartException if it does not come back
     * @throws UnsupportedOperationException on the external provider
     */
    public void start() {
        process.start();
    }

    /**
     * {@link #stop()} then {@link #start()}: data and binlog files survive, and the binlog goes
     * on in a new file.
     *
     * @throws SandboxStartException if it does not come back
     * @throws UnsupportedOperationException on the external provider
     */
    public void restart() {
        process.stop();
        process.start();
    }

    /**
     * Opens a connection to one database.
     *
     * @param database database name, or empty for none
     * @return a new autocommit connection as {@link #user()}
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
     * @return e.g. {@code SourceServer[MARIADB jdbc:mariadb://127.0.0.1:41234/ user=chameleon
     *     password=****** serverId=1]}
     */
    @Override
    public String toString() {
        return "SourceServer[" + flavor + " " + jdbcUrl() + " user=" + user + " password="
                + Secrets.MASK + " serverId=" + serverId + "]";
    }
}
