package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database made for one caller by {@link PostgresServer#createDatabase(String)}.
 * {@link #toString()} never shows the password.
 *
 * @param server the server that holds it
 * @param name its name, a safe lower-case identifier such as {@code orders_3}
 */
public record PostgresDatabase(PostgresServer server, String name) {

    /**
     * Checks the components.
     *
     * @param server the server that holds it
     * @param name its name
     */
    public PostgresDatabase {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
    }

    /**
     * A pgjdbc URL naming this database (it follows the server's port).
     *
     * @return e.g. {@code jdbc:postgresql://localhost:41235/orders_3}
     */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * The superuser to connect as.
     *
     * @return e.g. {@code postgres}
     */
    public String user() {
        return server.user();
    }

    /**
     * The password of {@link #user()}.
     *
     * @return the password
     */
    public String password() {
        return server.password();
    }

    /**
     * A new, unpooled data source for this database ({@link PGSimpleDataSource}): every
     * {@code getConnection()} opens a fresh connection. Built from the current URL, so take a
     * new one after a containers restart.
     *
     * @return a data source with URL, user and password set
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    /**
     * Opens a new autocommit connection to this database. The caller closes it.
     *
     * @return a new connection
     * @throws SQLException if the server refuses it
     */
    public Connection openConnection() throws SQLException {
        return server.openConnection(name);
    }

    /**
     * Runs statements, in order, in this database on a new connection; stops at the first
     * failure.
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
     * Describes the database without the password.
     *
     * @return e.g. {@code PostgresDatabase[orders_3 jdbc:postgresql://localhost:41235/orders_3 user=postgres]}
     */
    @Override
    public String toString() {
        return "PostgresDatabase[" + name + " " + jdbcUrl() + " user=" + user() + "]";
    }
}
