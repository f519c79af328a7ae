package io.chameleon.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;

/**
 * Stops and starts a Testcontainers container in place, so its file system (and so the
 * database's data) survives; {@code GenericContainer.stop()} would remove it. Docker may publish
 * the port on a new host port after a start, so the port is read again each time.
 */
final class DockerRestart {

    private DockerRestart() {}

    /**
     * Stops the container, keeping it.
     *
     * @param container a started container
     */
    static void stop(GenericContainer<?> container) {
        DockerClient docker = container.getDockerClient();
        docker.stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
    }

    /**
     * Starts a stopped container again.
     *
     * @param container a container stopped with {@link #stop(GenericContainer)}
     */
    static void start(GenericContainer<?> container) {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    }

    /**
     * The host port Docker publishes a container port on right now.
     *
     * @param container a running container
     * @param containerPort e.g. {@code 3306}
     * @return the host port
     * @throws IllegalStateException if the port is not published
     */
    static int hostPort(GenericContainer<?> container, int containerPort) {
        Ports ports = container.getDockerClient().inspectContainerCmd(container.getContainerId())
                .exec().getNetworkSettings().getPorts();
        Ports.Binding[] bindings = ports.getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null) {
            throw new IllegalStateException("port " + containerPort + " of container "
                    + container.getContainerId() + " is not published");
        }
        for (Ports.Binding binding : bindings) {
            String spec = binding.getHostPortSpec();
            if (spec != null && !spec.isEmpty()) {
                return Integer.parseInt(spec);
            }
        }
        throw new IllegalStateException("port " + containerPort + " of container "
                + container.getContainerId() + " has no host port");
    }
}
