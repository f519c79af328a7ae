package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the PostgreSQL version and checks its major version. */
final class PostgresChecks {

    private PostgresChecks() {}

    /**
     * Reads {@code SHOW server_version}.
     *
     * @param connection a connection to the server
     * @return e.g. {@code 17.6}
     * @throws SQLException if it cannot be read
     */
    static String version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Fails unless the server runs the given major version.
     *
     * @param connection a connection to the server
     * @param major e.g. {@code 17}
     * @return the full version string
     * @throws SQLException if it cannot be read
     * @throws IllegalStateException if the major version differs
     */
    static String requireMajor(Connection connection, int major) throws SQLException {
        String version = version(connection);
        if (!version.startsWith(major + ".") && !version.equals(String.valueOf(major))
                && !version.startsWith(major + " ")) {
            throw new IllegalStateException("expected PostgreSQL " + major + ", the server runs "
                    + version);
        }
        return version;
    }
}
