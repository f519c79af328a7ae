package io.chameleon.sandbox;

import java.util.Locale;

/**
 * The parts of a single-host JDBC URL of the form {@code jdbc:<scheme>://host[:port]/[database][?options]},
 * for MariaDB Connector/J ({@code jdbc:mariadb:}, {@code jdbc:mysql:} accepted and rewritten)
 * and pgjdbc ({@code jdbc:postgresql:}).
 *
 * @param scheme {@code mariadb} or {@code postgresql}
 * @param host host name or address (IPv6 without brackets)
 * @param port TCP port
 * @param database database named in the path, empty when none
 * @param options the query string without {@code ?}, empty when none; never holds
 *     {@code user} or {@code password}
 */
record JdbcUrl(String scheme, String host, int port, String database, String options) {

    /**
     * Parses a source URL.
     *
     * @param url e.g. {@code jdbc:mariadb://db:3306/}
     * @return the parts, with the scheme {@code mariadb}
     * @throws IllegalArgumentException if the URL is not a single-host MariaDB/MySQL URL
     */
    static JdbcUrl parseSource(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:mariadb://")) {
            rest = url.substring("jdbc:mariadb://".length());
        } else if (lower.startsWith("jdbc:mysql://")) {
            rest = url.substring("jdbc:mysql://".length());
        } else {
            throw new IllegalArgumentException("expected a URL like jdbc:mariadb://host:3306/, got "
                    + url);
        }
        return parse("mariadb", rest, 3306, url);
    }

    /**
     * Parses a PostgreSQL URL.
     *
     * @param url e.g. {@code jdbc:postgresql://pg:5432/postgres}
     * @return the parts, with the scheme {@code postgresql}; database {@code postgres} if none
     * @throws IllegalArgumentException if the URL is not a single-host pgjdbc URL
     */
    static JdbcUrl parsePostgres(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "expected a URL like jdbc:postgresql://host:5432/postgres, got " + url);
        }
        JdbcUrl parsed = parse("postgresql", url.substring("jdbc:postgresql://".length()), 5432, url);
        return parsed.database().isEmpty()
                ? new JdbcUrl(parsed.scheme(), parsed.host(), parsed.port(), "postgres", parsed.options())
                : parsed;
    }

    private static JdbcUrl parse(String scheme, String rest, int defaultPort, String url) {
        String options = "";
        int query = rest.indexOf('?');
        if (query >= 0) {
            options = rest.substring(query + 1);
            rest = rest.substring(0, query);
        }
        String database = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            database = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        if (rest.isEmpty() || rest.contains(",")) {
            throw new IllegalArgumentException("expected exactly one host in " + url);
        }
        String host;
        String port = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 address in " + url);
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1) {
                if (rest.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("cannot read the host of " + url);
                }
                port = rest.substring(close + 2);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? "" : rest.substring(colon + 1);
        }
        int portNumber;
        try {
            portNumber = port.isEmpty() ? defaultPort : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the port of " + url);
        }
        return new JdbcUrl(scheme, host, portNumber, database, withoutCredentials(options));
    }

    /** Drops {@code user=} and {@code password=} options: credentials are given separately. */
    private static String withoutCredentials(String options) {
        StringBuilder kept = new StringBuilder();
        for (String option : options.split("&")) {
            String name = option.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (option.isEmpty() || name.equals("user") || name.equals("password")) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : "&").append(option);
        }
        return kept.toString();
    }

    /**
     * Builds a URL.
     *
     * @param scheme {@code mariadb} or {@code postgresql}
     * @param host host name or address
     * @param port TCP port
     * @param database database, or empty for none
     * @param options query string without {@code ?}, or empty
     * @return e.g. {@code jdbc:mariadb://127.0.0.1:3306/orders_1}
     */
    static String format(String scheme, String host, int port, String database, String options) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:" + scheme + "://" + hostPart + ":" + port + "/" + database
                + (options.isEmpty() ? "" : "?" + options);
    }
}
