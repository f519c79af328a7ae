package io.chameleon.examples.cli;

import io.chameleon.ChameleonException;
import io.chameleon.ReplicaManager;
import io.chameleon.SourceState;
import io.chameleon.SourceStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code start_replica}: runs one source in this process until a stop is asked for, either by
 * {@code stop_replica} through the catalogue (see {@link CatalogueSignals}) or by {@link
 * #requestStop()} (Ctrl-C), or until the source fails. Prints a status line every few seconds.
 *
 * <p>{@link #run()} runs on the caller's thread; {@link #requestStop()} may be called from any
 * thread.
 */
final class ForegroundReplica {

  private static final long POLL_MILLIS = 250;

  private final ReplicaManager manager;
  private final CatalogueSignals signals;
  private final String source;
  private final Duration statusEvery;
  private final PrintStream out;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  ForegroundReplica(ReplicaManager manager, CatalogueSignals signals, String source, Duration statusEvery, PrintStream out) {
    this.manager = manager;
    this.signals = signals;
    this.source = source;
    this.statusEvery = statusEvery;
    this.out = out;
  }

  /** Asks {@link #run()} to stop the source and return; for Ctrl-C. */
  void requestStop() {
    stopRequested.countDown();
  }

  /**
   * Starts the source, watches it, stops it.
   *
   * @throws CliException when the source fails; it is stopped by then
   * @throws InterruptedException when the thread is interrupted; the source is stopped first
   */
  void run() throws InterruptedException {
    manager.startReplica(source);
    signals.markRunning(source);
    out.println("source '" + source + "' is running; stop it with Ctrl-C or: chameleon stop_replica --source " + source);
    out.flush();
    String ending;
    try {
      ending = watch();
    } finally {
      manager.stopReplica(source);
    }
    if (ending != null) {
      throw new CliException("source '" + source + "' failed: " + ending + "; it is stopped. Fix the cause, then run"
          + " enable_replica and start_replica again");
    }
    String status = signals.find(source).map(CatalogueSignals.SourceRow::status).orElse("not in the catalogue");
    out.println("source '" + source + "' stopped (catalogue status: " + status + ")");
  }

  /** Returns null once a stop is asked for, or the error when the source fails. */
  private String watch() throws InterruptedException {
    long nextLine = System.nanoTime() + statusEvery.toNanos();
    boolean catalogueLost = false;
    while (!stopRequested.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      try {
        Optional<String> ending = poll();
        if (ending != null) {
          return ending.orElse(null);
        }
        if (System.nanoTime() >= nextLine) {
          SourceStatus status = manager.status(source);
          if (status.state() == SourceState.FAILED) {
            return status.lastError().orElse("unknown error");
          }
          out.println(StatusText.line(status, Instant.now()));
          out.flush();
          nextLine = System.nanoTime() + statusEvery.toNanos();
        }
        if (catalogueLost) {
          out.println("the catalogue database is reachable again");
          catalogueLost = false;
        }
      } catch (ChameleonException e) {
        // the library rides out a lost catalogue by itself; only report it
        if (!catalogueLost) {
          out.println("cannot read the catalogue (" + e.getMessage() + "); the source goes on, retrying");
          catalogueLost = true;
        }
      }
    }
    out.println("stopping source '" + source + "'");
    return null;
  }

  /** Null to go on; empty when a stop was asked for; else the source's error. */
  private Optional<String> poll() {
    Optional<CatalogueSignals.SourceRow> row = signals.find(source);
    if (row.isEmpty()) {
      out.println("source '" + source + "' is no longer in the catalogue; stopping");
      return Optional.empty();
    }
    return switch (row.get().status()) {
      case "stopped" -> {
        out.println("stop_replica asked to stop source '" + source + "'; stopping");
        yield Optional.empty();
      }
      case "error" -> Optional.of(manager.status(source).lastError().or(() -> row.get().lastError()).orElse("unknown error"));
      default -> null;
    };
  }
}
