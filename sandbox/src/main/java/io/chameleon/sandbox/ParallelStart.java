package io.chameleon.sandbox;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Starts the source and PostgreSQL side by side (the two starts take tens of seconds each) and
 * stops the one that came up if the other did not.
 */
final class ParallelStart {

    private ParallelStart() {}

    /**
     * Runs both starts on their own threads and waits for both.
     *
     * @param provider provider name, for messages
     * @param source starts the source
     * @param postgres starts PostgreSQL
     * @return both servers
     * @throws SandboxStartException naming what failed (both failures when both failed)
     */
    static Servers both(String provider, Callable<SourceServer> source,
            Callable<PostgresServer> postgres) {
        FutureTask<SourceServer> sourceTask = new FutureTask<>(source);
        FutureTask<PostgresServer> postgresTask = new FutureTask<>(postgres);
        Thread sourceThread = new Thread(sourceTask, "chameleon-sandbox-start-source");
        Thread postgresThread = new Thread(postgresTask, "chameleon-sandbox-start-postgres");
        sourceThread.setDaemon(true);
        postgresThread.setDaemon(true);
        sourceThread.start();
        postgresThread.start();
        Outcome<SourceServer> sourceOutcome = await(sourceTask);
        Outcome<PostgresServer> postgresOutcome = await(postgresTask);
        if (sourceOutcome.failure() == null && postgresOutcome.failure() == null) {
            return new Servers(sourceOutcome.value(), postgresOutcome.value());
        }
        if (sourceOutcome.value() != null) {
            sourceOutcome.value().close();
        }
        if (postgresOutcome.value() != null) {
            postgresOutcome.value().close();
        }
        SandboxStartException failure = sourceOutcome.failure() != null
                ? asStartFailure(provider, "could not start the source server", sourceOutcome.failure())
                : asStartFailure(provider, "could not start PostgreSQL", postgresOutcome.failure());
        if (sourceOutcome.failure() != null && postgresOutcome.failure() != null) {
            failure.addSuppressed(asStartFailure(provider, "could not start PostgreSQL",
                    postgresOutcome.failure()));
        }
        throw failure;
    }

    private record Outcome<T>(T value, Throwable failure) {}

    private static <T> Outcome<T> await(FutureTask<T> task) {
        try {
            return new Outcome<>(task.get(), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e);
        }
    }

    private static SandboxStartException asStartFailure(String provider, String what, Throwable cause) {
        return cause instanceof SandboxStartException started
                ? started
                : SandboxStartException.forProvider(provider, what, cause);
    }
}
