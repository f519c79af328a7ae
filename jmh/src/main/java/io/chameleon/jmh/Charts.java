package io.chameleon.jmh;

import io.chameleon.jmh.report.BloatCharts;
import io.chameleon.jmh.report.BloatResult;
import io.chameleon.jmh.report.BloatTable;
import io.chameleon.jmh.report.JmhJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws the {@link LogTableBloat} results of a JMH JSON file and writes the table beside them:
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Charts results.json out-dir
 * </pre>
 *
 * <p>writes into {@code out-dir}: {@code log-table-bytes.png} (the log tables' size over the
 * batches, a panel per number of sources, a line per layout), {@code events-per-second.png} (the
 * rate per number of sources, a line per layout) and {@code bloat.md} (the table: rate, ratios to
 * the limits, log table size halfway, at the end and at the peak, dead tuples, autovacuum runs),
 * and prints the table. Everything comes from the JSON: the series are the secondary results
 * {@code bytesAtNNpct} and {@code batches} (see {@code LogTableFigures}).
 */
public final class Charts {

  private Charts() {}

  /** Reads {@code args[0]}, writes the charts and the table into the directory {@code args[1]}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Charts <jmh-results.json> <out-dir>");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    Path json = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    List<BloatResult> results = BloatResult.from(JmhJson.read(json));
    if (results.isEmpty()) {
      System.err.println(json + " holds no " + LogTableBloat.class.getSimpleName() + "." + BloatResult.METHOD
          + " result");
      System.exit(1);
    }
    BloatCharts.writePng(BloatCharts.bytesOverBatches(results), 2, out.resolve("log-table-bytes.png"));
    BloatCharts.writePng(List.of(BloatCharts.rate(results)), 1, out.resolve("events-per-second.png"));
    int measured = results.get(0).measuredOperations();
    String table = BloatTable.render(results) + "\nMachine: " + Results.machine() + "\n"
        + JmhJson.runInfo(json).map(r -> "Run: JMH " + r.jmhVersion() + ", " + r.jvm() + ", " + r.forks()
            + (r.forks() == 1 ? " fork" : " forks") + " per trial, " + measured + " measured "
            + (measured == 1 ? "operation" : "operations, figures are their means") + " per layout and sources.\n")
            .orElse("");
    Files.writeString(out.resolve("bloat.md"), table, StandardCharsets.UTF_8);
    System.out.print(table);
  }
}
