package io.chameleon;

import java.time.Duration;

/** Waiting helpers shared by the end-to-end tests. */
final class ReplicationSupport {

  private ReplicationSupport() {}

  /** Waits until the source has read to the binlog's end and replayed every batch. */
  static void awaitReplayed(CaptureFixture fixture, String source, Duration timeout) throws Exception {
    awaitReplayed(fixture.manager, source, timeout);
  }

  static void awaitReplayed(ReplicaManager manager, String source, Duration timeout) throws Exception {
    CaptureFixture.awaitCaughtUp(manager, source, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      SourceStatus status = manager.status(source);
      if (status.batchesPending() == 0) {
        return;
      }
      if (status.state() == SourceState.FAILED || System.nanoTime() > deadline) {
        throw new AssertionError("replay of " + source + " did not catch up: " + status);
      }
      Thread.sleep(100);
    }
  }
}
