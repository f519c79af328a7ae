package io.chameleon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Proves the sandbox against real servers: the provider chosen by {@code chameleon.sandbox}
 * (the build passes {@code embedded} unless told otherwise). Nothing here is skipped: if the
 * servers cannot start, every test fails with the start failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {

    private static final String SAFE_NAME = "[a-z][a-z0-9_]*";

    private static Sandbox sandbox;
    private static SourceServer source;
    private static PostgresServer postgres;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.get();
        source = sandbox.source();
        postgres = sandbox.postgres();
    }

    private static String expectedProvider() {
        String chosen = System.getProperty("chameleon.sandbox", "");
        return chosen.isBlank() ? "embedded" : chosen.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean controlsServers() {
        return !sandbox.provider().equals("external");
    }

    @Test
    @Order(1)
    void theChosenProviderRunsAndGetReturnsTheSameSandbox() {
        assertThat(sandbox.provider()).isEqualTo(expectedProvider());
        assertThat(Sandbox.get()).isSameAs(sandbox);
        if (sandbox.provider().equals("embedded")) {
            assertThat(source.flavor()).isEqualTo(SourceFlavor.MARIADB);
            assertThat(source.host()).isEqualTo("127.0.0.1");
            assertThat(source.user()).isEqualTo("chameleon");
            assertThat(postgres.user()).isEqualTo("postgres");
        }
        assertThat(source.jdbcUrl()).isEqualTo("jdbc:mariadb://" + source.host() + ":" + source.port() + "/");
        assertThat(source.jdbcUrl("x")).isEqualTo(source.jdbcUrl() + "x");
        assertThat(postgres.jdbcUrl("x")).startsWith("jdbc:postgresql://" + postgres.host() + ":"
                + postgres.port() + "/x");
    }

    @Test
    @Order(2)
    void theSourceBinlogIsReadyForReplication() throws SQLException {
        Map<String, String> variables = new HashMap<>();
        try (Connection connection = source.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                        + " ('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_row_metadata',"
                        + " 'server_id', 'character_set_server')")) {
            assertThat(connection.getAutoCommit()).isTrue();
            while (rows.next()) {
                variables.put(rows.getString(1), rows.getString(2));
            }
        }
        assertThat(variables)
                .containsEntry("log_bin", "ON")
                .containsEntry("binlog_format", "ROW")
                .containsEntry("binlog_row_image", "FULL")
                .containsEntry("binlog_row_metadata", "FULL")
                .containsEntry("server_id", String.valueOf(source.serverId()));
        assertThat(source.serverId()).isPositive();
        if (controlsServers()) {
            assertThat(variables).containsEntry("character_set_server", "utf8mb4");
        }
    }

    @Test
    @Order(3)
    void postgresIsMajorVersion17() throws SQLException {
        PostgresDatabase database = postgres.createDatabase("version");
        try (Connection connection = database.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                                + " current_setting('max_connections')::int, rolsuper"
                                + " FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rows.next()).isTrue();
            if (controlsServers()) {
                assertThat(rows.getString(1)).startsWith("17.");
                assertThat(rows.getInt(2)).isBetween(170000, 179999);
                assertThat(rows.getInt(3)).isEqualTo(300);
            }
            assertThat(rows.getBoolean(4)).as("superuser").isTrue();
        }
    }

    @Test
    @Order(4)
    void everySourceDatabaseIsNewAndEmpty() throws SQLException {
        SourceDatabase first = source.createDatabase("orders");
        SourceDatabase second = source.createDatabase("orders");

        assertThat(first.name()).isNotEqualTo(second.name()).startsWith("orders_").matches(SAFE_NAME);
        assertThat(second.name()).startsWith("orders_").matches(SAFE_NAME);
        assertThat(source.createDatabase("Bench-4 / Ünïcode").name()).matches(SAFE_NAME);
        assertThat(first.jdbcUrl()).isEqualTo(source.jdbcUrl(first.name()));

        first.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one')");

        assertThat(tableCount(first)).isEqualTo(1);
        assertThat(tableCount(second)).isZero();
        assertThatThrownBy(() -> second.execute("SELECT * FROM items"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("statement 1 of 1 failed");
        try (Connection connection = first.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DATABASE(), label FROM items")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(first.name());
            assertThat(rows.getString(2)).isEqualTo("one");
        }
    }

    @Test
    @Order(5)
    void everyPostgresDatabaseIsNewAndEmpty() throws SQLException {
        PostgresDatabase first = postgres.createDatabase("orders");
        PostgresDatabase second = postgres.createDatabase("orders");

        assertThat(first.name()).isNotEqualTo(second.name()).startsWith("orders_").matches(SAFE_NAME);
        assertThat(second.name()).startsWith("orders_").matches(SAFE_NAME);
        assertThat(first.jdbcUrl()).isEqualTo(postgres.jdbcUrl(first.name()));
        assertThat(first.user()).isEqualTo(postgres.user());
        assertThat(first.password()).isEqualTo(postgres.password());

        first.execute("CREATE TABLE items (id int PRIMARY KEY, label text)",
                "INSERT INTO items VALUES (1, 'one')");

        assertThat(userTables(first)).containsExactly("items");
        assertThat(userTables(second)).isEmpty();

        DataSource dataSource = first.dataSource();
        assertThat(dataSource).isInstanceOf(PGSimpleDataSource.class);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database(), label FROM items")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(first.name());
            assertThat(rows.getString(2)).isEqualTo("one");
        }
    }

    @Test
    @Order(6)
    void concurrentCallersGetDistinctDatabases() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Set<String> sourceNames = ConcurrentHashMap.newKeySet();
            Set<String> postgresNames = ConcurrentHashMap.newKeySet();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> sourceNames.add(source.createDatabase("parallel").name())));
                futures.add(pool.submit(() -> postgresNames.add(postgres.createDatabase("parallel").name())));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            assertThat(sourceNames).hasSize(6);
            assertThat(postgresNames).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(7)
    void theNonRootSourceUserCanReadBinlogState() throws SQLException {
        assertThat(source.user()).isNotEqualTo("root");
        try (Connection connection = source.openConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
                rows.next();
                assertThat(rows.getString(1)).startsWith(source.user() + "@");
            }
            String status = source.flavor() == SourceFlavor.MARIADB
                    ? "SHOW MASTER STATUS"
                    : "SHOW BINARY LOG STATUS";
            try (ResultSet rows = statement.executeQuery(status)) {
                assertThat(rows.next()).as(status).isTrue();
                assertThat(rows.getString("File")).isNotBlank();
                assertThat(rows.getLong("Position")).isPositive();
            }
            try (ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
                assertThat(rows.next()).as("SHOW BINARY LOGS").isTrue();
                assertThat(rows.getString("Log_name")).isNotBlank();
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@server_id, @@log_bin_basename")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo("ROW");
                assertThat(rows.getString(3)).isEqualTo("FULL");
                assertThat(rows.getLong(4)).isEqualTo(source.serverId());
            }
            if (controlsServers()) {
                StringBuilder grants = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
                    while (rows.next()) {
                        grants.append(rows.getString(1)).append('\n');
                    }
                }
                assertThat(grants.toString())
                        .contains("ALL PRIVILEGES ON *.*")
                        .contains("WITH GRANT OPTION");
            }
        }
    }

    @Test
    @Order(8)
    void wrongPasswordsAreRefused() {
        Properties wrong = new Properties();
        wrong.setProperty("user", postgres.user());
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(postgres.jdbcUrl("postgres"), wrong).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));

        Properties wrongSource = new Properties();
        wrongSource.setProperty("user", source.user());
        wrongSource.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(source.jdbcUrl(), wrongSource).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    @Order(9)
    void passwordsNeverAppearInToString() throws SQLException {
        List<Object> described = List.of(sandbox, source, postgres, source.createDatabase("secret"),
                postgres.createDatabase("secret"));
        for (Object object : described) {
            assertThat(object.toString())
                    .as(object.getClass().getSimpleName())
                    .doesNotContain(source.password())
                    .doesNotContain(postgres.password());
        }
        assertThat(source.toString()).contains(source.user()).contains("******");
        assertThat(postgres.toString()).contains(postgres.user()).contains("******");
    }

    @Test
    @Order(20)
    void sourceRestartKeepsDataAndBinlogs() throws SQLException {
        if (!controlsServers()) {
            assertThatThrownBy(source::restart).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("-Dchameleon.sandbox=embedded");
            return;
        }
        SourceDatabase database = source.createDatabase("restart");
        database.execute("CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2), (3)");
        List<String> logsBefore = binaryLogs();
        int portBefore = source.port();

        source.restart();

        if (sandbox.provider().equals("embedded")) {
            assertThat(source.port()).isEqualTo(portBefore);
        }
        assertThat(count(database, "SELECT COUNT(*) FROM kept")).isEqualTo(3);
        List<String> logsAfter = binaryLogs();
        assertThat(logsAfter).containsAll(logsBefore).hasSizeGreaterThan(logsBefore.size());
        try (Connection connection = source.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SHOW BINLOG EVENTS IN '" + logsBefore.get(0) + "' LIMIT 3")) {
            assertThat(rows.next()).as("events of the old binlog file are readable").isTrue();
        }
        database.execute("INSERT INTO kept VALUES (4)");
        assertThat(count(database, "SELECT COUNT(*) FROM kept")).isEqualTo(4);
    }

    @Test
    @Order(21)
    void sourceStopAndStart() throws SQLException {
        if (!controlsServers()) {
            assertThatThrownBy(source::stop).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        source.stop();
        source.stop();
        assertThatThrownBy(() -> source.openConnection().close()).isInstanceOf(SQLException.class);
        source.start();
        source.start();
        source.execute("SELECT 1");
    }

    @Test
    @Order(22)
    void postgresRestartKeepsData() throws SQLException {
        if (!controlsServers()) {
            assertThatThrownBy(postgres::restart).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("-Dchameleon.sandbox=embedded");
            return;
        }
        PostgresDatabase database = postgres.createDatabase("restart");
        database.execute("CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2), (3)");
        int portBefore = postgres.port();

        postgres.restart();

        if (sandbox.provider().equals("embedded")) {
            assertThat(postgres.port()).isEqualTo(portBefore);
        }
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM kept")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
        database.execute("INSERT INTO kept VALUES (4)");
        PostgresDatabase fresh = postgres.createDatabase("after_restart");
        assertThat(userTables(fresh)).isEmpty();
    }

    private static List<String> binaryLogs() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = source.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rows.next()) {
                names.add(rows.getString("Log_name"));
            }
        }
        return names;
    }

    private static long count(SourceDatabase database, String sql) throws SQLException {
        try (Connection connection = database.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long tableCount(SourceDatabase database) throws SQLException {
        try (Connection connection = source.openConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, database.name());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> userTables(PostgresDatabase database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT relname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " ORDER BY relname")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
