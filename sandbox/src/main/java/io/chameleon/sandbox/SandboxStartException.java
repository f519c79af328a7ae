package io.chameleon.sandbox;

/**
 * The sandbox could not start, or the chosen provider is misconfigured.
 *
 * <p>The message names the provider, the cause, and how to choose another provider. Once
 * {@link Sandbox#get()} has failed, every later call in the same JVM fails again at once with
 * the same message (the first failure is the cause) instead of trying to start again.
 */
public class SandboxStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How to choose another provider; appended to every provider failure. */
    static final String HOW_TO_CHOOSE =
            "Choose a provider with -Dchameleon.sandbox=embedded|containers|external (or the"
                    + " environment variable CHAMELEON_SANDBOX), e.g. -Dchameleon.sandbox=external"
                    + " with -Dchameleon.sandbox.source.url=jdbc:mariadb://db:3306/"
                    + " -Dchameleon.sandbox.source.user=... -Dchameleon.sandbox.source.password=..."
                    + " -Dchameleon.sandbox.postgres.url=jdbc:postgresql://pg:5432/postgres"
                    + " -Dchameleon.sandbox.postgres.user=... -Dchameleon.sandbox.postgres.password=...";

    /**
     * Creates the exception.
     *
     * @param message what failed, for whom, and what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public SandboxStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, for whom, and what to do about it
     */
    public SandboxStartException(String message) {
        super(message);
    }

    /**
     * Builds the failure of one provider, with the cause and the way out in the message.
     *
     * @param provider the provider name, e.g. {@code embedded}
     * @param what what could not be done, e.g. {@code could not start the embedded MariaDB}
     * @param cause the underlying failure, or {@code null}
     * @return the exception to throw
     */
    static SandboxStartException forProvider(String provider, String what, Throwable cause) {
        StringBuilder message = new StringBuilder("Sandbox provider '").append(provider)
                .append("' failed: ").append(what);
        if (cause != null) {
            message.append(": ").append(describe(cause));
        }
        message.append(". ").append(HOW_TO_CHOOSE);
        return new SandboxStartException(message.toString(), cause);
    }

    /** The chain of causes as one line, e.g. {@code IOException: x <- SQLException: y}. */
    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 4; t = t.getCause(), depth++) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }
}
