package io.chameleon.sandbox;

/**
 * Where a server listens and how to stop and start it. One implementation per provider and
 * server kind; {@link SourceServer} and {@link PostgresServer} add the client side.
 */
interface ServerProcess {

    /**
     * The host clients connect to.
     *
     * @return a host name or address
     */
    String host();

    /**
     * The port clients connect to; containers may get a new one after {@link #start()}.
     *
     * @return the TCP port
     */
    int port();

    /**
     * Stops the server, keeping its data. Does nothing if it is stopped.
     *
     * @throws UnsupportedOperationException if this provider does not control the server
     */
    void stop();

    /**
     * Starts the server again on its data and waits until it accepts connections. Does nothing
     * if it is running.
     *
     * @throws SandboxStartException if it does not come up
     * @throws UnsupportedOperationException if this provider does not control the server
     */
    void start();

    /** Stops the server for good and removes what it left behind; never throws. */
    void close();
}
