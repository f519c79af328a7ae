package io.chameleon.jmh;

import io.chameleon.jmh.report.BenchmarkResult;
import io.chameleon.jmh.report.JmhJson;
import io.chameleon.jmh.report.MarkdownReport;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns JMH's JSON output into the markdown table the README shows: per benchmark class, each
 * result's rate (events per second) and its ratio to each physical limit measured in the same
 * run (the class's {@code raw...} methods, e.g. {@code rawCopy} and {@code rawDecode}).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.chameleon.jmh.Results results.json [results.md]
 * </pre>
 *
 * <p>Prints the table; with a second argument, also writes it to that file. The machine line
 * describes the computer this program runs on, which the run scripts make the one that ran the
 * benchmarks.
 */
public final class Results {

  private Results() {}

  /** Reads {@code args[0]}, prints the report and, with {@code args[1]}, writes it there too. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Results <jmh-results.json> [out.md]");
      System.exit(2);
    }
    Path json = Path.of(args[0]);
    List<BenchmarkResult> results = JmhJson.read(json);
    String report = MarkdownReport.render(results, JmhJson.runInfo(json), machine());
    System.out.print(report);
    if (args.length == 2) {
      Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
    }
  }

  /** Cores and memory of this computer, e.g. {@code 2 cores, 24 GiB, Linux 6.1}. */
  static String machine() {
    int cores = Runtime.getRuntime().availableProcessors();
    long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return cores + " cores, " + Math.round(bytes / (1024.0 * 1024 * 1024)) + " GiB, "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }
}
