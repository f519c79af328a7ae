package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs {@code postgres:17} in Docker through Testcontainers, superuser {@code postgres} with a
 * random password, {@code max_connections=300}, {@code fsync=off} as Testcontainers sets it.
 *
 * <p>{@link #stop()} and {@link #start()} stop and start the same container, so data survives;
 * Docker may publish a new host port after {@link #start()}.
 */
final class ContainerPg implements ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerPg.class);
    private static final String IMAGE = "postgres:17";
    private static final int POSTGRES_PORT = 5432;
    private static final String USER = "postgres";
    private static final int MAJOR_VERSION = 17;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final PostgreSQLContainer container;
    private final String password;
    private volatile int port;
    private boolean running = true;

    private ContainerPg(PostgreSQLContainer container, String password) {
        this.container = container;
        this.password = password;
        this.port = container.getMappedPort(POSTGRES_PORT);
    }

    /**
     * Starts the container and checks the version.
     *
     * @return the running server
     * @throws Exception if any step fails
     */
    @SuppressWarnings("resource")
    static PostgresServer startServer() throws Exception {
        long started = System.nanoTime();
        String password = Secrets.newPassword();
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(IMAGE))
                .withUsername(USER)
                .withPassword(password)
                .withDatabaseName("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        Cleanup.atShutdown("stop the PostgreSQL container", container::stop);
        container.start();
        ContainerPg process = new ContainerPg(container, password);
        String version;
        try (Connection connection = process.connect()) {
            version = PostgresChecks.requireMajor(connection, MAJOR_VERSION);
        }
        LOG.info("PostgreSQL {} container ready on {}:{} in {} ms", version, process.host(),
                process.port(), (System.nanoTime() - started) / 1_000_000);
        return new PostgresServer(process, USER, password, "postgres", "");
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
            port = DockerRestart.hostPort(container, POSTGRES_PORT);
            ReadinessProbe.await("the PostgreSQL container", START_TIMEOUT, this::connect);
        } catch (RuntimeException e) {
            throw SandboxStartException.forProvider("containers",
                    "could not start the PostgreSQL container again", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the PostgreSQL container: {}", e.toString());
        }
        running = false;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(
                JdbcUrl.format("postgresql", host(), port, "postgres", ""), properties);
    }
}
