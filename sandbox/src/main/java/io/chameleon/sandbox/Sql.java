package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs statements one after another on a connection. */
final class Sql {

    private Sql() {}

    /**
     * Executes each statement in order; stops at the first failure.
     *
     * @param connection where to run them
     * @param statements SQL statements, one per string
     * @throws SQLException the first failure, its message naming the statement's position
     */
    static void executeAll(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.length; i++) {
                try {
                    statement.execute(statements[i]);
                } catch (SQLException e) {
                    throw new SQLException("statement " + (i + 1) + " of " + statements.length
                            + " failed: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }
}
