package io.chameleon.sandbox;

import org.testcontainers.DockerClientFactory;

/** The {@code containers} provider: MySQL 8.4 and PostgreSQL 17 in Docker via Testcontainers. */
final class ContainersProvider implements SandboxProvider {

    /** The provider's name. */
    static final String NAME = "containers";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Servers start() {
        boolean dockerAvailable;
        try {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            throw SandboxStartException.forProvider(NAME, "could not look for a Docker engine", e);
        }
        if (!dockerAvailable) {
            throw SandboxStartException.forProvider(NAME,
                    "no Docker engine is reachable (Testcontainers' DockerClientFactory"
                            + ".isDockerAvailable() is false; start Docker or set DOCKER_HOST)",
                    null);
        }
        return ParallelStart.both(NAME, ContainerMySql::startServer, ContainerPg::startServer);
    }
}
