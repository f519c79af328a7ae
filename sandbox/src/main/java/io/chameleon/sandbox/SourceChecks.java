package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a source server can be replicated from: binary log on, ROW format, FULL row
 * images, a non-zero server id. Also reads which flavor it is.
 */
final class SourceChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SourceChecks.class);

    /**
     * What the checks learnt about the server.
     *
     * @param flavor MariaDB or MySQL
     * @param version {@code @@version}
     * @param serverId {@code @@server_id}
     */
    record Facts(SourceFlavor flavor, String version, long serverId) {}

    private SourceChecks() {}

    /**
     * Reads the binlog settings and fails if replication cannot work.
     *
     * @param connection a connection to the source
     * @return the server's flavor, version and id
     * @throws SQLException if the variables cannot be read
     * @throws IllegalStateException listing every setting that is wrong
     */
    static Facts verify(Connection connection) throws SQLException {
        Map<String, String> variables = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                        + " ('version', 'server_id', 'log_bin', 'binlog_format',"
                        + " 'binlog_row_image', 'binlog_row_metadata')")) {
            while (rows.next()) {
                variables.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        List<String> problems = new ArrayList<>();
        expect(variables, "log_bin", "ON", problems);
        expect(variables, "binlog_format", "ROW", problems);
        expect(variables, "binlog_row_image", "FULL", problems);
        long serverId = Long.parseLong(variables.getOrDefault("server_id", "0"));
        if (serverId == 0) {
            problems.add("server_id is 0 (binlog clients need a non-zero server id)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the source server cannot be replicated from: "
                    + String.join("; ", problems));
        }
        String metadata = variables.get("binlog_row_metadata");
        if (!"FULL".equalsIgnoreCase(metadata)) {
            LOG.warn("binlog_row_metadata is {} on the source; column names and types will not be"
                    + " in the binlog (FULL is recommended)", metadata == null ? "absent" : metadata);
        }
        String version = variables.getOrDefault("version", "");
        return new Facts(SourceFlavor.fromVersion(version), version, serverId);
    }

    private static void expect(Map<String, String> variables, String name, String wanted,
            List<String> problems) {
        String actual = variables.get(name);
        if (!wanted.equalsIgnoreCase(actual)) {
            problems.add(name + " is " + (actual == null ? "not set" : actual) + ", need " + wanted);
        }
    }
}
