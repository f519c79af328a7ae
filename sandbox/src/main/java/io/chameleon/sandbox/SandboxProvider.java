package io.chameleon.sandbox;

/** Where the sandbox's servers come from. */
interface SandboxProvider {

    /**
     * The name a user selects this provider by.
     *
     * @return {@code embedded}, {@code containers} or {@code external}
     */
    String name();

    /**
     * Starts (or connects to) both servers and checks they are fit for replication.
     *
     * @return the two servers
     * @throws SandboxStartException naming the provider, the cause and the way out
     */
    Servers start();
}
