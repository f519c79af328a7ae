package io.chameleon.jmh.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code LogTableBloat.replicate} result (a layout with a number of sources) reduced to what
 * the bloat charts and table show, with its ratios to the limits measured under the same
 * parameters in the same run.
 *
 * @param layout the {@code layout} parameter, e.g. {@code rotation}
 * @param sources the {@code sources} parameter
 * @param naptime the {@code autovacuumNaptime} parameter ({@code default} when absent)
 * @param rate events per second over all sources
 * @param bytesOverBatches the log tables' size in bytes (y) after so many batches per source (x),
 *     in batch order
 * @param endBytes log table bytes at the end
 * @param peakBytes the largest size seen
 * @param endDeadTuples dead tuples at the end
 * @param peakDeadTuples the most dead tuples seen
 * @param autovacuumRuns times autovacuum vacuumed a log table
 * @param deadlocks deadlocks detected in the log tables' database
 * @param rawCopyRatio the rate divided by {@code rawCopy}'s, when exactly one matches
 * @param rawDecodeRatio the rate divided by {@code rawDecode}'s, when exactly one matches
 * @param measuredOperations how many measured operations the figures are the means of
 */
public record BloatResult(String layout, int sources, String naptime, double rate, List<Point> bytesOverBatches,
    double endBytes, double peakBytes, double endDeadTuples, double peakDeadTuples, double autovacuumRuns,
    double deadlocks, OptionalDouble rawCopyRatio, OptionalDouble rawDecodeRatio, int measuredOperations) {

  /** The benchmark method whose results these are. */
  public static final String METHOD = "replicate";

  /** Layouts in the order the reports show them: oldest first, the library last. */
  static final List<String> LAYOUT_ORDER = List.of("shared", "per-source-delete", "rotation", "library");

  private static final Pattern SERIES_POINT = Pattern.compile("bytesAt(\\d+)pct");

  /** One point of a series. */
  public record Point(double x, double y) {}

  public BloatResult {
    bytesOverBatches = List.copyOf(bytesOverBatches);
  }

  /**
   * The {@value #METHOD} results among {@code results}, ordered by layout (see {@link
   * #LAYOUT_ORDER}), naptime, then sources.
   */
  public static List<BloatResult> from(List<BenchmarkResult> results) {
    List<BloatResult> bloat = new ArrayList<>();
    for (BenchmarkResult result : results) {
      if (result.method().equals(METHOD) && result.secondary().containsKey("batches")) {
        bloat.add(of(result, results));
      }
    }
    bloat.sort(Comparator.comparing((BloatResult r) -> layoutRank(r.layout()))
        .thenComparing(BloatResult::naptime)
        .thenComparingInt(BloatResult::sources));
    return bloat;
  }

  /** The series' name in charts: the layout, with the naptime when it is not the default. */
  public String label() {
    return naptime.equals("default") ? layout : layout + " (naptime " + naptime + ")";
  }

  private static BloatResult of(BenchmarkResult result, List<BenchmarkResult> all) {
    Map<String, Double> figures = result.secondary();
    double batches = figures.get("batches");
    List<Point> points = new ArrayList<>();
    figures.forEach((name, value) -> {
      Matcher point = SERIES_POINT.matcher(name);
      if (point.matches()) {
        points.add(new Point(batches * Integer.parseInt(point.group(1)) / 100, value));
      }
    });
    points.sort(Comparator.comparingDouble(Point::x));
    return new BloatResult(result.params().getOrDefault("layout", "?"),
        Integer.parseInt(result.params().getOrDefault("sources", "0")),
        result.params().getOrDefault("autovacuumNaptime", "default"), result.rate(), points,
        figures.getOrDefault("logBytesEnd", 0.0), figures.getOrDefault("logBytesPeak", 0.0),
        figures.getOrDefault("deadTuplesEnd", 0.0), figures.getOrDefault("deadTuplesPeak", 0.0),
        figures.getOrDefault("autovacuumRuns", 0.0), figures.getOrDefault("deadlocks", 0.0),
        ratio(result, "rawCopy", all), ratio(result, "rawDecode", all), Math.max(1, result.iterationRates().size()));
  }

  private static OptionalDouble ratio(BenchmarkResult result, String limitMethod, List<BenchmarkResult> all) {
    List<BenchmarkResult> limits = all.stream()
        .filter(r -> r.method().equals(limitMethod) && result.sameConditionsAs(r) && r.rate() > 0)
        .toList();
    return limits.size() == 1 ? OptionalDouble.of(result.rate() / limits.get(0).rate()) : OptionalDouble.empty();
  }

  private static int layoutRank(String layout) {
    int rank = LAYOUT_ORDER.indexOf(layout);
    return rank < 0 ? LAYOUT_ORDER.size() : rank;
  }

  /** The log tables' size halfway through the run (the first point at or after half the batches). */
  OptionalDouble halfwayBytes() {
    if (bytesOverBatches.isEmpty()) {
      return OptionalDouble.empty();
    }
    double half = bytesOverBatches.get(bytesOverBatches.size() - 1).x() / 2;
    return bytesOverBatches.stream().filter(p -> p.x() >= half).mapToDouble(Point::y).findFirst();
  }
}
