package io.chameleon.internal.source;

import io.chameleon.SourceConfig;
import io.chameleon.SourceState;
import io.chameleon.internal.capture.CaptureStats;
import io.chameleon.internal.capture.SourceCapture;
import io.chameleon.internal.catalog.generated.enums.EnSrcStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source running in this process: its reader, and the bookkeeping that mirrors its state
 * into the catalogue ({@code running}, {@code stopped}, {@code error} with the message) so that
 * {@code show_status} style queries and other processes see it.
 */
public final class SourceRuntime {

  private static final Logger log = LoggerFactory.getLogger(SourceRuntime.class);

  private final SourceConfig config;
  private final long sourceId;
  private final SourceRegistry registry;
  private final SourceCapture capture;
  private volatile String lastError;
  private volatile Instant lastErrorTime;

  public SourceRuntime(SourceConfig config, long sourceId, DataSource catalogue, SourceRegistry registry,
      String instance) {
    this.config = config;
    this.sourceId = sourceId;
    this.registry = registry;
    this.capture = new SourceCapture(config, sourceId, catalogue,
        "chameleon-" + instance + "-" + config.name() + "-reader", this::stateChanged);
  }

  public void start() {
    capture.start();
  }

  public void stop(Duration timeout) {
    capture.stop(timeout);
  }

  /** Called by the manager's timer thread. */
  public void tick() {
    capture.tick();
  }

  public SourceState state() {
    return capture.state();
  }

  public CaptureStats captureStats() {
    return capture.stats();
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public Optional<Instant> lastErrorTime() {
    return Optional.ofNullable(lastErrorTime);
  }

  public long sourceId() {
    return sourceId;
  }

  public SourceConfig config() {
    return config;
  }

  private void stateChanged(SourceState state, Optional<String> error) {
    error.ifPresent(e -> {
      lastError = e;
      lastErrorTime = Instant.now();
    });
    try {
      switch (state) {
        case RUNNING -> registry.setStatus(sourceId, EnSrcStatus.running);
        case STOPPED -> registry.setStatus(sourceId, EnSrcStatus.stopped);
        case FAILED -> registry.recordError(sourceId, error.orElse("failed"), Optional.of(EnSrcStatus.error));
        case RECONNECTING -> registry.recordError(sourceId, error.orElse("reconnecting"), Optional.empty());
        default -> { }
      }
    } catch (RuntimeException e) {
      // the catalogue may be the thing that is down; the in-process state stays accurate
      log.warn("Source '{}': could not record state {} in the catalogue: {}", config.name(), state, e.getMessage());
    }
  }
}
