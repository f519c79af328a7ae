package io.chameleon.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

  @TempDir
  Path dir;

  @Test
  void readsTheRateFromTheEventsResultAndDividesByTheLimitWithTheSameParameters() throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(json, "[" + String.join(",",
        result("captureToLogTable", "\"sources\":\"1\"", 50_000, 1000, 9000),
        result("captureToLogTable", "\"sources\":\"2\"", 90_000, 1000, 9000),
        result("rawCopy", "\"sources\":\"1\"", 200_000, 100, 2000),
        result("rawCopy", "\"sources\":\"2\"", 300_000, 100, 2000),
        result("copyIntoLayout", "\"sources\":\"1\",\"layout\":\"log-table\"", 100_000, 100, 9000))
        + "]", StandardCharsets.UTF_8);

    List<BenchmarkResult> results = JmhJson.read(json);
    assertThat(results).extracting(BenchmarkResult::rate).containsExactly(50_000.0, 90_000.0, 200_000.0, 300_000.0, 100_000.0);
    assertThat(results.get(0).rateUnit()).isEqualTo("events/s");
    assertThat(results.get(4).params()).containsExactly(
        java.util.Map.entry("backlogEvents", "1000000"), java.util.Map.entry("sources", "1"),
        java.util.Map.entry("layout", "log-table"));

    String report = MarkdownReport.render(results, JmhJson.runInfo(json), "test machine");
    assertThat(report)
        .contains("Parameters of every row: backlogEvents=1000000.")
        .contains("| captureToLogTable | sources=1 | 50,000 events/s (40,000–60,000) | 25% |")
        .contains("| captureToLogTable | sources=2 | 90,000 events/s (40,000–60,000) | 30% |")
        .contains("| copyIntoLayout | sources=1, layout=log-table | 100,000 events/s (40,000–60,000) | 50% |")
        .contains("| rawCopy | sources=1 | 200,000 events/s (40,000–60,000) |  |")
        // CPU per event: 1000 milli-cores / 50,000 events/s = 20 µs
        .contains("| 20.00 + 180.00 + 0.00 | 0.00 |")
        .contains("Machine: test machine");
  }

  @Test
  void aRowWithoutAMatchingLimitGetsNoRatio() {
    BenchmarkResult figure = new BenchmarkResult("x.B", "figure", java.util.Map.of("sources", "8"), 10, "events/s",
        List.of(), java.util.Map.of());
    BenchmarkResult limit = new BenchmarkResult("x.B", "rawCopy", java.util.Map.of("sources", "1"), 20, "events/s",
        List.of(), java.util.Map.of());
    assertThat(figure.sameConditionsAs(limit)).isFalse();
    assertThat(MarkdownReport.render(List.of(figure, limit), Optional.empty(), "m"))
        .contains("| figure | sources=8 | 10.0 events/s |  |");
  }

  @Test
  void aBenchmarkThatCountsRowsIsReportedInRowsPerSecond() throws Exception {
    Path json = dir.resolve("rows.json");
    Files.writeString(json, "[" + String.join(",",
        result("InitCopy", "initReplica", "\"rows\":\"2000000\"", "rows", 300_000, 600, 900),
        result("InitCopy", "rawCopy", "\"rows\":\"2000000\"", "rows", 400_000, 200, 800))
        + "]", StandardCharsets.UTF_8);

    List<BenchmarkResult> results = JmhJson.read(json);
    assertThat(results).extracting(BenchmarkResult::rateUnit).containsOnly("rows/s");
    assertThat(results.get(0).secondary()).doesNotContainKey("rows").containsKey("cpuJvm");
    assertThat(MarkdownReport.render(results, Optional.empty(), "m"))
        .contains("| CPU µs per row: jvm + postgres + mariadb |")
        // 600 milli-cores / 300,000 rows/s = 2 µs
        .contains("| initReplica |  | 300,000 rows/s (40,000–60,000) | 75% | 2.00 + 3.00 + 0.00 | 0.00 |");
  }

  @Test
  void eventsStayTheRateWhenABenchmarkAlsoCountsRows() throws Exception {
    Path json = dir.resolve("both.json");
    String replay = result("Replay", "replay", "\"workload\":\"mixed\"", "events", 20_000, 40, 900);
    String rawCopy = result("Replay", "rawCopy", "\"workload\":\"mixed\"", "events", 400_000, 100, 800)
        .replace("\"cpuJvm\"", "\"rows\":{\"score\":360000,\"scoreUnit\":\"ops/s\"},\"cpuJvm\"");
    Files.writeString(json, "[" + replay + "," + rawCopy + "]", StandardCharsets.UTF_8);

    List<BenchmarkResult> results = JmhJson.read(json);
    assertThat(results.get(1).rate()).isEqualTo(400_000.0);
    assertThat(results.get(1).rateUnit()).isEqualTo("events/s");
    assertThat(results.get(1).secondary()).containsEntry("rows", 360_000.0);
    assertThat(MarkdownReport.render(results, Optional.empty(), "m"))
        .contains("| CPU µs per event: jvm + postgres + mariadb |")
        .contains("| replay |  | 20,000 events/s (40,000–60,000) | 5% |");
  }

  private static String result(String method, String params, double rate, double cpuJvm, double cpuPostgres) {
    return result("BinlogToLogTable", method, params, "events", rate, cpuJvm, cpuPostgres);
  }

  private static String result(String benchmarkClass, String method, String params, String rateMetric, double rate,
      double cpuJvm, double cpuPostgres) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"io.chameleon.jmh." + benchmarkClass + "." + method + "\","
        + "\"mode\":\"thrpt\",\"forks\":1,\"warmupIterations\":1,\"measurementIterations\":3,"
        + "\"vmName\":\"VM\",\"vmVersion\":\"17\",\"jvmArgs\":[],"
        + "\"params\":{\"backlogEvents\":\"1000000\"," + params + "},"
        + "\"primaryMetric\":{\"score\":0.1,\"scoreUnit\":\"ops/s\",\"rawData\":[[0.1]]},"
        + "\"secondaryMetrics\":{"
        + "\"" + rateMetric + "\":{\"score\":" + rate + ",\"scoreUnit\":\"ops/s\",\"rawData\":[[40000.0,60000.0]]},"
        + "\"cpuJvm\":{\"score\":" + cpuJvm + ",\"scoreUnit\":\"ops/s\"},"
        + "\"cpuPostgres\":{\"score\":" + cpuPostgres + ",\"scoreUnit\":\"ops/s\"},"
        + "\"cpuMariadb\":{\"score\":0,\"scoreUnit\":\"ops/s\"},"
        + "\"cpuOther\":{\"score\":0,\"scoreUnit\":\"ops/s\"}}}";
  }
}
