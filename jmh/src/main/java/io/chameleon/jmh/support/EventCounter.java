package io.chameleon.jmh.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary result {@code events}: the events one operation processed (row events decoded,
 * log rows written), summed over sources or writers. In throughput mode JMH divides it by the
 * iteration's measured time, so it reads as events per second; {@link io.chameleon.jmh.Results}
 * reports it as the benchmark's rate.
 *
 * <p>The suite's long operations (a whole backlog each) run one per iteration: iterations last
 * 1 ms, so JMH stops after the first operation, and iteration-level setup puts the databases
 * back in their starting state around each one. {@link #begin()} fails an iteration that tries
 * a second operation (e.g. when run with {@code -r 10s}): it would start from the state the
 * first one left and its events would be counted twice.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class EventCounter {

  /** Events processed in this iteration. */
  public long events;

  private boolean begun;

  /** Zeroes the counter before each iteration. */
  @Setup(Level.Iteration)
  public void clear() {
    events = 0;
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
