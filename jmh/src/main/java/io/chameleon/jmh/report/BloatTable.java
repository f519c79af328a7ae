package io.chameleon.jmh.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The markdown table of {@code LogTableBloat}: per layout and number of sources, the rate with
 * its ratios to the limits, and what the run did to the log tables (and the deadlocks detected
 * meanwhile).
 */
public final class BloatTable {

  private BloatTable() {}

  /** The table, a row per result, in the order given. */
  public static String render(List<BloatResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| layout | sources | rate (events/s) | ratio to rawCopy | ratio to rawDecode"
        + " | log tables halfway | at the end | peak | dead tuples at the end (peak) | autovacuum runs | deadlocks |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BloatResult r : results) {
      out.append("| ").append(r.label())
          .append(" | ").append(r.sources())
          .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.rate()))
          .append(" | ").append(percent(r.rawCopyRatio()))
          .append(" | ").append(percent(r.rawDecodeRatio()))
          .append(" | ").append(r.halfwayBytes().isPresent() ? megabytes(r.halfwayBytes().getAsDouble()) : "")
          .append(" | ").append(megabytes(r.endBytes()))
          .append(" | ").append(megabytes(r.peakBytes()))
          .append(" | ").append(String.format(Locale.ROOT, "%,.0f (%,.0f)", r.endDeadTuples(), r.peakDeadTuples()))
          .append(" | ").append(String.format(Locale.ROOT, "%.0f", r.autovacuumRuns()))
          .append(" | ").append(String.format(Locale.ROOT, "%.0f", r.deadlocks()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Bytes as MB (2^20 bytes), one decimal. */
  static String megabytes(double bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024 * 1024));
  }

  private static String percent(OptionalDouble ratio) {
    return ratio.isPresent() ? String.format(Locale.ROOT, "%.0f%%", 100 * ratio.getAsDouble()) : "";
  }
}
