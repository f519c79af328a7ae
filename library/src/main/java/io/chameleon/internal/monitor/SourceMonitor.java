package io.chameleon.internal.monitor;

import io.chameleon.BinlogPosition;
import io.chameleon.SourceState;
import io.chameleon.internal.monitor.CatalogueSnapshot.SourceFacts;
import io.chameleon.internal.source.SourceRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the beans and meters know about one source: its workers' counters since it was added to
 * this manager (every run of it, so that counters never go back when it is restarted), their
 * state and lag, and the catalogue facts of the last sample. Every read is a snapshot: nothing
 * here runs SQL or blocks.
 *
 * <p>Thread-safe: {@link #attach} is called by the manager, the readers by any thread.
 */
public final class SourceMonitor {

  /** Past runs kept for their late counts; older ones are folded into the base. */
  private static final int KEEP_PAST_RUNS = 8;

  private record Runs(SourceTotals folded, List<SourceRuntime> past, SourceRuntime current) {}

  private final String name;
  private final Supplier<CatalogueSnapshot> snapshots;
  private volatile Runs runs = new Runs(SourceTotals.ZERO, List.of(), null);

  public SourceMonitor(String name, Supplier<CatalogueSnapshot> snapshots) {
    this.name = name;
    this.snapshots = snapshots;
  }

  public String name() {
    return name;
  }

  /**
   * Follows the source's new run from now on. The previous run's counts stay in the totals,
   * including what it counts while it finishes.
   */
  public synchronized void attach(SourceRuntime runtime) {
    Runs before = runs;
    List<SourceRuntime> past = new ArrayList<>(before.past());
    SourceTotals folded = before.folded();
    if (before.current() != null) {
      past.add(before.current());
    }
    while (past.size() > KEEP_PAST_RUNS) {
      folded = folded.plus(SourceTotals.of(past.remove(0)));
    }
    runs = new Runs(folded, List.copyOf(past), runtime);
  }

  /** Counters added up over every run of the source in this process. */
  public SourceTotals totals() {
    Runs now = runs;
    SourceTotals totals = now.folded();
    for (SourceRuntime runtime : now.past()) {
      totals = totals.plus(SourceTotals.of(runtime));
    }
    return now.current() == null ? totals : totals.plus(SourceTotals.of(now.current()));
  }

  /** The current (or last) run, if the source was started in this process. */
  public Optional<SourceRuntime> runtime() {
    return Optional.ofNullable(runs.current());
  }

  public SourceState state() {
    SourceRuntime runtime = runs.current();
    return runtime == null ? SourceState.STOPPED : runtime.state();
  }

  /** Whether the source's reader is running in this process (or starting, retrying, stopping). */
  public boolean active() {
    SourceState state = state();
    return state != SourceState.STOPPED && state != SourceState.FAILED;
  }

  public boolean replayPaused() {
    SourceRuntime runtime = runs.current();
    return runtime != null && active() && runtime.replayPaused();
  }

  public Optional<SourceFacts> facts() {
    return snapshots.get().source(name);
  }

  public long readLagMillis() {
    SourceRuntime runtime = runs.current();
    return runtime != null && active() ? runtime.captureStats().lagMillis() : 0;
  }

  /**
   * From the replayer while it works; from the catalogue's oldest waiting batch, aged since the
   * sample, while replay is paused or the source is not running here (the replayer then does not
   * look at the batches).
   */
  public long replayLagMillis() {
    SourceRuntime runtime = runs.current();
    long now = System.currentTimeMillis();
    if (runtime != null && active() && !runtime.replayPaused()) {
      return runtime.replayStats().lagMillis(now);
    }
    CatalogueSnapshot snapshot = snapshots.get();
    Optional<SourceFacts> facts = snapshot.source(name);
    if (facts.isEmpty() || facts.get().batchesPending() == 0 || snapshot.sampledAt().isEmpty()) {
      return 0;
    }
    return facts.get().oldestPendingAgeMillis() + Math.max(0, now - snapshot.sampledAt().get().toEpochMilli());
  }

  public long batchesPending() {
    return facts().map(SourceFacts::batchesPending).orElse(0L);
  }

  public long logTableBytes() {
    return facts().map(SourceFacts::logTableBytes).orElse(0L);
  }

  /** Where reading has safely reached: the workers' position, else the catalogue's. */
  public Optional<BinlogPosition> readPosition() {
    return runtime().map(r -> r.captureStats().committedPosition())
        .or(() -> facts().flatMap(SourceFacts::readPosition));
  }

  /** Where replay has reached: the workers' position, else the catalogue's. */
  public Optional<BinlogPosition> replayedPosition() {
    return runtime().map(r -> r.replayStats().replayedPosition())
        .or(() -> facts().flatMap(SourceFacts::replayedPosition));
  }

  public Optional<String> lastError() {
    return runtime().flatMap(SourceRuntime::lastError).or(() -> facts().flatMap(SourceFacts::lastError));
  }

  public Optional<Instant> lastErrorTime() {
    Optional<SourceRuntime> runtime = runtime().filter(r -> r.lastError().isPresent());
    return runtime.isPresent() ? runtime.get().lastErrorTime() : facts().flatMap(SourceFacts::lastErrorTime);
  }
}
