package io.chameleon.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code external} provider: servers someone else runs, named by URL, user and password.
 * Nothing is started; both servers are checked (the source must have a ROW binlog with FULL
 * row images) and used as they are.
 */
final class ExternalProvider implements SandboxProvider {

    /** The provider's name. */
    static final String NAME = "external";

    private static final Logger LOG = LoggerFactory.getLogger(ExternalProvider.class);

    private final SandboxConfig.External settings;

    /**
     * Creates the provider.
     *
     * @param settings the servers' URLs and credentials
     */
    ExternalProvider(SandboxConfig.External settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Servers start() {
        SourceServer source;
        try {
            source = source();
        } catch (SQLException | RuntimeException e) {
            throw SandboxStartException.forProvider(NAME,
                    "the source server at " + Secrets.maskUrl(settings.sourceUrl()) + " is not usable", e);
        }
        PostgresServer postgres;
        try {
            postgres = postgres();
        } catch (SQLException | RuntimeException e) {
            throw SandboxStartException.forProvider(NAME,
                    "the PostgreSQL server at " + Secrets.maskUrl(settings.postgresUrl()) + " is not usable", e);
        }
        return new Servers(source, postgres);
    }

    private SourceServer source() throws SQLException {
        JdbcUrl url = JdbcUrl.parseSource(settings.sourceUrl());
        SourceChecks.Facts facts;
        try (Connection connection = DriverManager.getConnection(
                JdbcUrl.format("mariadb", url.host(), url.port(), "", url.options()),
                credentials(settings.sourceUser(), settings.sourcePassword()))) {
            facts = SourceChecks.verify(connection);
        }
        LOG.info("external source {} {} at {}:{}", facts.flavor(), facts.version(), url.host(),
                url.port());
        return new SourceServer(facts.flavor(), new ExternalServer("source", url.host(), url.port()),
                settings.sourceUser(), settings.sourcePassword(), facts.serverId(), url.options());
    }

    private PostgresServer postgres() throws SQLException {
        JdbcUrl url = JdbcUrl.parsePostgres(settings.postgresUrl());
        String version;
        try (Connection connection = DriverManager.getConnection(
                JdbcUrl.format("postgresql", url.host(), url.port(), url.database(), url.options()),
                credentials(settings.postgresUser(), settings.postgresPassword()))) {
            version = PostgresChecks.version(connection);
        }
        LOG.info("external PostgreSQL {} at {}:{}", version, url.host(), url.port());
        return new PostgresServer(new ExternalServer("PostgreSQL", url.host(), url.port()),
                settings.postgresUser(), settings.postgresPassword(), url.database(), url.options());
    }

    private static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }
}
