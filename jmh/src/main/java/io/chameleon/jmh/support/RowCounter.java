package io.chameleon.jmh.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary result {@code rows}: the table rows one operation wrote. Read as rows per second
 * (JMH divides by the iteration's time); {@link io.chameleon.jmh.Results} reports it as the
 * rate of a benchmark that counts no {@link EventCounter events}. One operation per iteration,
 * as for {@link EventCounter}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RowCounter {

  /** Rows written in this iteration. */
  public long rows;

  private boolean begun;

  /** Zeroes the counter before each iteration. */
  @Setup(Level.Iteration)
  public void clear() {
    rows = 0;
    begun = false;
  }

  /**
   * Marks the start of the iteration's operation.
   *
   * @throws IllegalStateException on a second operation in one iteration
   */
  public void begin() {
    if (begun) {
      throw new IllegalStateException("one operation per iteration: keep the iteration time at 1 ms (-r 1ms -w 1ms)");
    }
    begun = true;
  }
}
