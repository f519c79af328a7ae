package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A database (schema) made for one caller by {@link SourceServer#createDatabase(String)}.
 * {@link #toString()} never shows the password.
 *
 * @param server the server that holds it
 * @param name its name, a safe lower-case identifier such as {@code orders_3}
 */
public record SourceDatabase(SourceServer server, String name) {

    /**
     * Checks the components.
     *
     * @param server the server that holds it
     * @param name its name
     */
    public SourceDatabase {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
    }

    /**
     * A MariaDB Connector/J URL naming this database (it follows the server's port).
     *
     * @return e.g. {@code jdbc:mariadb://127.0.0.1:41234/orders_3}
     */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * Opens a new autocommit connection to this database as the server's user. The caller
     * closes it.
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
     * Describes the database without any password.
     *
     * @return e.g. {@code SourceDatabase[orders_3 jdbc:mariadb://127.0.0.1:41234/orders_3 user=chameleon]}
     */
    @Override
    public String toString() {
        return "SourceDatabase[" + name + " " + jdbcUrl() + " user=" + server.user() + "]";
    }
}
