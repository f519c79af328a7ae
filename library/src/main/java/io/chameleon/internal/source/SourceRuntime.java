package io.chameleon.internal.source;

import io.chameleon.SourceConfig;
import io.chameleon.SourceException;
import io.chameleon.SourceState;
import io.chameleon.internal.capture.CaptureStats;
import io.chameleon.internal.capture.SourceCapture;
import io.chameleon.internal.ddl.TableRef;
import io.chameleon.internal.catalog.generated.enums.EnSrcStatus;
import io.chameleon.internal.replay.BatchReplayer;
import io.chameleon.internal.replay.ReplayStats;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source running in this process: its reader and its replayer, which meet only through the
 * catalogue, and the bookkeeping that mirrors the source's state into the catalogue ({@code
 * running}, {@code stopped}, {@code error} with the message) so that other processes and
 * show_status style queries see it.
 */
public final class SourceRuntime {

  private static final Logger log = LoggerFactory.getLogger(SourceRuntime.class);

  private final SourceConfig config;
  private final long sourceId;
  private final SourceRegistry registry;
  private final SourceCapture capture;
  private final BatchReplayer replayer;
  private final AtomicBoolean replayFailed = new AtomicBoolean();
  private final AtomicLong readErrors = new AtomicLong();
  private final AtomicLong replayErrors = new AtomicLong();
  private volatile String lastError;
  private volatile Instant lastErrorTime;

  public SourceRuntime(SourceConfig config, long sourceId, DataSource catalogue, SourceRegistry registry,
      String instance) {
    this.config = config;
    this.sourceId = sourceId;
    this.registry = registry;
    String prefix = "chameleon-" + instance + "-" + config.name();
    this.capture = new SourceCapture(config, sourceId, catalogue, prefix + "-reader", this::readerStateChanged);
    this.replayer = new BatchReplayer(config, sourceId, catalogue, prefix + "-replay", new BatchReplayer.Listener() {
      @Override
      public void replayFailed(SourceException error) {
        SourceRuntime.this.replayFailed(error);
      }

      @Override
      public void replayError(String message) {
        replayErrors.incrementAndGet();
        error(message);
      }
    });
  }

  public void start() {
    replayFailed.set(false);
    capture.start();
    replayer.start();
  }

  public void stop(Duration timeout) {
    capture.stop(timeout);
    replayer.stop(timeout);
  }

  /** Called by the manager's timer thread. */
  public void tick() {
    capture.tick();
  }

  /** Stops taking batches for replay once the current one is committed (reading goes on). */
  public void pauseReplay() {
    replayer.pause();
  }

  public void resumeReplay() {
    replayer.resume();
  }

  /** Some tables were copied again ({@code schema.table} names): the reader describes them afresh. */
  public void tablesCopied(List<String> tables) {
    capture.resynced(tables.stream().map(t -> {
      int dot = t.indexOf('.');
      return new TableRef(t.substring(0, dot), t.substring(dot + 1));
    }).toList());
  }

  public boolean replayPaused() {
    return replayer.paused();
  }

  /** The reader's state, or FAILED once replay has stopped the source. */
  public SourceState state() {
    return replayFailed.get() ? SourceState.FAILED : capture.state();
  }

  public CaptureStats captureStats() {
    return capture.stats();
  }

  public ReplayStats replayStats() {
    return replayer.stats();
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public Optional<Instant> lastErrorTime() {
    return Optional.ofNullable(lastErrorTime);
  }

  /** Errors of the reader: each lost connection or failure reported by it. */
  public long readErrors() {
    return readErrors.get();
  }

  /** Errors of the replayer: each failed attempt at a batch, excluded table, or stop. */
  public long replayErrors() {
    return replayErrors.get();
  }

  public long sourceId() {
    return sourceId;
  }

  public SourceConfig config() {
    return config;
  }

  private void error(String message) {
    lastError = message;
    lastErrorTime = Instant.now();
  }

  private void replayFailed(SourceException failure) {
    replayErrors.incrementAndGet();
    replayFailed.set(true);
    error(failure.getMessage());
    recordInCatalogue(() -> registry.recordError(sourceId, failure.getMessage(), Optional.of(EnSrcStatus.error)));
    capture.stop(Duration.ofSeconds(30));
  }

  private void readerStateChanged(SourceState state, Optional<String> message) {
    message.ifPresent(text -> {
      readErrors.incrementAndGet();
      error(text);
    });
    if (replayFailed.get()) {
      return; // the error status stays
    }
    recordInCatalogue(() -> {
      switch (state) {
        case RUNNING -> registry.setStatus(sourceId, EnSrcStatus.running);
        case STOPPED -> registry.setStatus(sourceId, EnSrcStatus.stopped);
        case FAILED -> {
          registry.recordError(sourceId, message.orElse("failed"), Optional.of(EnSrcStatus.error));
          replayer.stop(Duration.ofSeconds(30));
        }
        case RECONNECTING -> registry.recordError(sourceId, message.orElse("reconnecting"), Optional.empty());
        default -> { }
      }
    });
  }

  private void recordInCatalogue(Runnable update) {
    try {
      update.run();
    } catch (RuntimeException e) {
      // the catalogue may be what is down; the in-process state stays accurate
      log.warn("Source '{}': could not record its state in the catalogue: {}", config.name(), e.getMessage());
    }
  }
}
