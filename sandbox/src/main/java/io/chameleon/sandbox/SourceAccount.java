package io.chameleon.sandbox;

import java.util.List;

/**
 * The SQL that creates the sandbox's non-root source account: all privileges with grant option,
 * plus the replication ones named explicitly, for connections from anywhere and from
 * {@code localhost} (a {@code localhost} entry would otherwise shadow {@code '%'}).
 */
final class SourceAccount {

    /** The account name the embedded and containers providers create. */
    static final String USER = "chameleon";

    private SourceAccount() {}

    /**
     * The statements to run as an administrator.
     *
     * @param flavor which dialect of privilege names to use
     * @param password a password of letters and digits only
     * @return the statements, in order
     */
    static List<String> createStatements(SourceFlavor flavor, String password) {
        String secret = Secrets.requireLiteralSafe(password);
        String replication = flavor == SourceFlavor.MARIADB
                ? "REPLICATION SLAVE, BINLOG MONITOR, SELECT, RELOAD, LOCK TABLES"
                : "REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, LOCK TABLES";
        return List.of(
                "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + secret + "'",
                "CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + secret + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION",
                "GRANT " + replication + " ON *.* TO '" + USER + "'@'%'",
                "GRANT " + replication + " ON *.* TO '" + USER + "'@'localhost'",
                "FLUSH PRIVILEGES");
    }
}
