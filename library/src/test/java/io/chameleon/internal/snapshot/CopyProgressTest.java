package io.chameleon.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CopyProgressTest {

  @Test
  void reportsRateTimeLeftAndCorrectsTheEstimateAsTablesFinish() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    CopyProgress progress = new CopyProgress(clock);
    assertThat(progress.snapshot().running()).isFalse();
    assertThat(progress.estimatedTimeLeft()).isEmpty();

    progress.start(2, 1000);
    assertThat(progress.estimatedTimeLeft()).isEmpty();
    now.set(now.get().plusSeconds(2));
    progress.rowsCopied(200);
    assertThat(progress.rowsPerSecond()).isEqualTo(100.0);
    assertThat(progress.estimatedTimeLeft()).contains(Duration.ofSeconds(8));
    progress.tableDone(300, 200);
    assertThat(progress.rowsEstimate()).isEqualTo(900);
    assertThat(progress.snapshot().tablesDone()).isEqualTo(1);
    assertThat(progress.snapshot().running()).isTrue();

    progress.finish();
    now.set(now.get().plusSeconds(100));
    assertThat(progress.rowsPerSecond()).isEqualTo(100.0);
    assertThat(progress.snapshot().estimatedTimeLeft()).contains(Duration.ZERO);
    assertThat(progress.snapshot().running()).isFalse();
  }
}
