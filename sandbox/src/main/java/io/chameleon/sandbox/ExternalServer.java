package io.chameleon.sandbox;

/** A server someone else runs: a fixed address, and no control over its lifecycle. */
final class ExternalServer implements ServerProcess {

    private final String what;
    private final String host;
    private final int port;

    /**
     * Creates the handle.
     *
     * @param what e.g. {@code source}, for messages
     * @param host host name or address
     * @param port TCP port
     */
    ExternalServer(String what, String host, int port) {
        this.what = what;
        this.host = host;
        this.port = port;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void stop() {
        throw unsupported("stop");
    }

    @Override
    public void start() {
        throw unsupported("start");
    }

    @Override
    public void close() {
        // not ours to stop
    }

    private UnsupportedOperationException unsupported(String action) {
        return new UnsupportedOperationException("cannot " + action + " the external " + what
                + " server at " + host + ":" + port + ": the 'external' sandbox provider does not"
                + " control its servers; fault tests that stop, start or restart servers need"
                + " -Dchameleon.sandbox=embedded or -Dchameleon.sandbox=containers");
    }
}
