package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs {@code mysql:8.4} in Docker through Testcontainers, with a ROW binlog, FULL row images
 * and metadata, GTID mode on, and the sandbox account created as root. Connections use MariaDB
 * Connector/J with {@code allowPublicKeyRetrieval=true} (MySQL 8.4 authenticates with
 * {@code caching_sha2_password}).
 *
 * <p>{@link #stop()} and {@link #start()} stop and start the same container, so data and binlogs
 * survive; Docker may publish a new host port after {@link #start()}.
 */
final class ContainerMySql implements ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerMySql.class);
    private static final String IMAGE = "mysql:8.4";
    private static final int MYSQL_PORT = 3306;
    private static final long SERVER_ID = 1;
    private static final String URL_OPTIONS = "allowPublicKeyRetrieval=true";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final SandboxMySqlContainer container;
    private final String password;
    private volatile int port;
    private boolean running = true;

    private ContainerMySql(SandboxMySqlContainer container, String password) {
        this.container = container;
        this.password = password;
        this.port = container.getMappedPort(MYSQL_PORT);
    }

    /**
     * Starts the container, creates the sandbox account and verifies the binlog settings.
     *
     * @return the running server
     * @throws Exception if any step fails
     */
    @SuppressWarnings("resource")
    static SourceServer startServer() throws Exception {
        long started = System.nanoTime();
        String rootPassword = Secrets.newPassword();
        SandboxMySqlContainer container = new SandboxMySqlContainer();
        container.withUsername("root")
                .withPassword(rootPassword)
                .withStartupTimeoutSeconds((int) START_TIMEOUT.toSeconds())
                .withCommand(
                        "--server-id=" + SERVER_ID,
                        "--log-bin=mysql-bin",
                        "--binlog-format=ROW",
                        "--binlog-row-image=FULL",
                        "--binlog-row-metadata=FULL",
                        "--gtid-mode=ON",
                        "--enforce-gtid-consistency=ON",
                        "--character-set-server=utf8mb4",
                        "--collation-server=utf8mb4_0900_ai_ci",
                        "--max-connections=500");
        Cleanup.atShutdown("stop the MySQL container", container::stop);
        container.start();
        String password = Secrets.newPassword();
        ContainerMySql process = new ContainerMySql(container, password);
        try (Connection root = process.connect("root", rootPassword)) {
            Sql.executeAll(root, SourceAccount.createStatements(SourceFlavor.MYSQL, password)
                    .toArray(String[]::new));
        }
        SourceChecks.Facts facts;
        try (Connection connection = process.connect(SourceAccount.USER, password)) {
            facts = SourceChecks.verify(connection);
        }
        LOG.info("MySQL {} container ready on {}:{} in {} ms", facts.version(), process.host(),
                process.port(), (System.nanoTime() - started) / 1_000_000);
        return new SourceServer(facts.flavor(), process, SourceAccount.USER, password,
                facts.serverId(), URL_OPTIONS);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            DockerRestart.stop(container);
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            DockerRestart.start(container);
            running = true;
            port = DockerRestart.hostPort(container, MYSQL_PORT);
            ReadinessProbe.await("the MySQL container", START_TIMEOUT,
                    () -> connect(SourceAccount.USER, password));
        } catch (RuntimeException e) {
            throw SandboxStartException.forProvider("containers",
                    "could not start the MySQL container again", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the MySQL container: {}", e.toString());
        }
        running = false;
    }

    private Connection connect(String user, String secret) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", secret);
        return DriverManager.getConnection(
                JdbcUrl.format("mariadb", host(), port, "", URL_OPTIONS), properties);
    }

    /**
     * Testcontainers' MySQL container, probed with MariaDB Connector/J (the project's driver)
     * instead of MySQL Connector/J, which is not on the class path.
     */
    private static final class SandboxMySqlContainer extends MySQLContainer {

        SandboxMySqlContainer() {
            super(DockerImageName.parse(IMAGE));
        }

        @Override
        public String getDriverClassName() {
            return "org.mariadb.jdbc.Driver";
        }

        @Override
        public String getJdbcUrl() {
            return JdbcUrl.format("mariadb", getHost(), getMappedPort(MYSQL_PORT), getDatabaseName(),
                    URL_OPTIONS);
        }
    }
}
