package io.chameleon.sandbox;

import java.sql.Connection;
import java.time.Duration;

/** Waits until a server accepts a connection again, e.g. after a container restart. */
final class ReadinessProbe {

    /** Opens a connection, or throws if the server is not ready yet. */
    @FunctionalInterface
    interface Connector {
        /**
         * Tries once.
         *
         * @return an open connection
         * @throws Exception if the server is not ready
         */
        Connection connect() throws Exception;
    }

    private ReadinessProbe() {}

    /**
     * Tries to connect every 250 ms until it works or the time is up.
     *
     * @param what the server, for the message
     * @param timeout how long to try
     * @param connector how to connect
     * @throws IllegalStateException with the last failure as cause when the time is up
     */
    static void await(String what, Duration timeout, Connector connector) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = connector.connect()) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " did not accept connections within "
                + timeout.toSeconds() + " s", last);
    }
}
