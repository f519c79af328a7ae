package io.chameleon.sandbox;

import java.util.function.Supplier;

/**
 * Runs a start at most once: remembers the result, or the failure, which every later call
 * throws again at once (a new {@link SandboxStartException} with the same message, the first
 * failure as its cause) instead of starting again.
 *
 * @param <T> what the start yields
 */
final class StartOnce<T> {

    private final Supplier<T> start;
    private T value;
    private SandboxStartException failure;

    /**
     * Creates the holder; nothing starts yet.
     *
     * @param start what to run on the first {@link #get()}
     */
    StartOnce(Supplier<T> start) {
        this.start = start;
    }

    /**
     * The result of the start, running it on the first call.
     *
     * @return the started value
     * @throws SandboxStartException if the start failed, now or on an earlier call
     */
    synchronized T get() {
        if (failure != null) {
            throw new SandboxStartException(failure.getMessage(), failure);
        }
        if (value == null) {
            try {
                value = start.get();
            } catch (SandboxStartException e) {
                failure = e;
                throw e;
            } catch (RuntimeException | Error e) {
                failure = new SandboxStartException("The sandbox could not start: " + e + ". "
                        + SandboxStartException.HOW_TO_CHOOSE, e);
                throw failure;
            }
        }
        return value;
    }
}
