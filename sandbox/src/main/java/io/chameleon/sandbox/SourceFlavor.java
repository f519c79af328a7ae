package io.chameleon.sandbox;

/** The kind of source server a {@link SourceServer} is. */
public enum SourceFlavor {
    /** MariaDB (the embedded provider runs MariaDB 11.4). */
    MARIADB,
    /** Oracle MySQL (the containers provider runs MySQL 8.4). */
    MYSQL;

    /**
     * Tells the flavor from the answer to {@code SELECT VERSION()}.
     *
     * @param version the server's version string, e.g. {@code 11.4.5-MariaDB-log}
     * @return {@link #MARIADB} when the string names MariaDB, otherwise {@link #MYSQL}
     */
    static SourceFlavor fromVersion(String version) {
        return version != null && version.toLowerCase(java.util.Locale.ROOT).contains("mariadb")
                ? MARIADB
                : MYSQL;
    }
}
