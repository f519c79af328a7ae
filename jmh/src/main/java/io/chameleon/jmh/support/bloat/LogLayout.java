package io.chameleon.jmh.support.bloat;

import java.util.Locale;

/**
 * How sources keep their log tables, the parameter of {@link io.chameleon.jmh.LogTableBloat}.
 * The first three run through the same harness ({@link HarnessRun}); {@link #LIBRARY} runs the
 * library itself.
 *
 * <p>JMH parameter values are the lower-case names with dashes, e.g. {@code per-source-delete}.
 */
public enum LogLayout {
  /**
   * pg_chameleon 1.2: two log tables shared by every source; each source puts each batch in the
   * table its previous batch did not use, on its own; replay deletes the rows it applied.
   */
  SHARED,
  /**
   * pg_chameleon 1.3 as shipped: two log tables per source, used in turn batch by batch; replay
   * deletes the rows it applied and autovacuum reclaims the space.
   */
  PER_SOURCE_DELETE,
  /**
   * This library's layout: two log tables per source; a source fills one for {@value
   * HarnessRun#BATCHES_PER_TABLE} batches, then, once every batch of the other has been
   * replayed, empties that one with {@code TRUNCATE} and moves to it. Replay deletes nothing.
   */
  ROTATION,
  /** The library itself: {@code ReplicaManager} capture and replay of a live binlog stream. */
  LIBRARY;

  /** The JMH parameter value, e.g. {@code per-source-delete}. */
  public String paramValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The layout named by a JMH parameter value. */
  public static LogLayout ofParam(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
