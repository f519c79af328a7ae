package io.chameleon.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BloatResultTest {

  private static final double MB = 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void readsTheSeriesFiguresAndRatiosFromJmhJson() throws Exception {
    List<BloatResult> results = BloatResult.from(JmhJson.read(sample()));

    assertThat(results).extracting(BloatResult::layout).containsExactly("shared", "rotation", "rotation");
    assertThat(results).extracting(BloatResult::sources).containsExactly(1, 1, 8);
    BloatResult rotation = results.get(1);
    assertThat(rotation.bytesOverBatches()).containsExactly(
        new BloatResult.Point(0, 0), new BloatResult.Point(50, 4 * MB), new BloatResult.Point(100, 4 * MB));
    assertThat(rotation.rate()).isEqualTo(20_000);
    assertThat(rotation.rawCopyRatio().getAsDouble()).isEqualTo(0.1);
    assertThat(rotation.rawDecodeRatio().getAsDouble()).isEqualTo(0.02);
    assertThat(rotation.peakBytes()).isEqualTo(5 * MB);
    // no limit measured with 8 sources
    assertThat(results.get(2).rawCopyRatio()).isEmpty();
  }

  @Test
  void theTableShowsSizesInMegabytesAndRatiosInPercent() throws Exception {
    String table = BloatTable.render(BloatResult.from(JmhJson.read(sample())));

    assertThat(table)
        .contains("| shared | 1 | 10,000 | 5% | 1% | 20.0 MB | 40.0 MB | 40.0 MB | 100,000 (100,000) | 0 | 0 |")
        .contains("| rotation | 1 | 20,000 | 10% | 2% | 4.0 MB | 4.0 MB | 5.0 MB | 0 (0) | 0 | 0 |")
        .contains("| rotation | 8 | 60,000 |  |  | 4.0 MB | 4.0 MB | 5.0 MB | 0 (0) | 0 | 3 |");
  }

  @Test
  void drawsAPanelPerNumberOfSourcesWithALinePerLayout() throws Exception {
    List<BloatResult> results = BloatResult.from(JmhJson.read(sample()));

    var panels = BloatCharts.bytesOverBatches(results);

    assertThat(panels).extracting(c -> c.getTitle()).containsExactly("Log tables, 1 source", "Log tables, 8 sources");
    assertThat(panels.get(0).getSeriesMap()).containsOnlyKeys("shared", "rotation");
    assertThat(panels.get(1).getSeriesMap()).containsOnlyKeys("rotation");
    assertThat(BloatCharts.rate(results).getSeriesMap().get("rotation").getXData()).containsExactly(1.0, 8.0);
  }

  private Path sample() throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(json, "[" + String.join(",",
        replicate("rotation", 1, 20_000, 4, 4),
        replicate("shared", 1, 10_000, 20, 40),
        replicate("rotation", 8, 60_000, 4, 4),
        limit("rawCopy", 200_000),
        limit("rawDecode", 1_000_000)) + "]", StandardCharsets.UTF_8);
    return json;
  }

  private static String replicate(String layout, int sources, double rate, double halfwayMb, double endMb) {
    return "{\"benchmark\":\"io.chameleon.jmh.LogTableBloat.replicate\",\"mode\":\"thrpt\","
        + "\"params\":{\"autovacuumNaptime\":\"default\",\"backlogEvents\":\"100000\",\"layout\":\"" + layout + "\","
        + "\"sources\":\"" + sources + "\"},"
        + "\"primaryMetric\":{\"score\":0.1,\"scoreUnit\":\"ops/s\",\"rawData\":[[0.1]]},"
        + "\"secondaryMetrics\":{"
        + "\"events\":{\"score\":" + rate + ",\"scoreUnit\":\"ops/s\",\"rawData\":[[" + rate + "]]},"
        + "\"batches\":{\"score\":100,\"scoreUnit\":\"#\"},"
        + "\"bytesAt00pct\":{\"score\":0,\"scoreUnit\":\"#\"},"
        + "\"bytesAt50pct\":{\"score\":" + halfwayMb * MB + ",\"scoreUnit\":\"#\"},"
        + "\"bytesAt100pct\":{\"score\":" + endMb * MB + ",\"scoreUnit\":\"#\"},"
        + "\"logBytesEnd\":{\"score\":" + endMb * MB + ",\"scoreUnit\":\"#\"},"
        + "\"logBytesPeak\":{\"score\":" + Math.max(endMb, 5) * MB + ",\"scoreUnit\":\"#\"},"
        + "\"deadTuplesEnd\":{\"score\":" + (layout.equals("shared") ? 100_000 : 0) + ",\"scoreUnit\":\"#\"},"
        + "\"deadTuplesPeak\":{\"score\":" + (layout.equals("shared") ? 100_000 : 0) + ",\"scoreUnit\":\"#\"},"
        + "\"autovacuumRuns\":{\"score\":0,\"scoreUnit\":\"#\"},"
        + "\"deadlocks\":{\"score\":" + (sources == 8 ? 3 : 0) + ",\"scoreUnit\":\"#\"}}}";
  }

  private static String limit(String method, double rate) {
    return "{\"benchmark\":\"io.chameleon.jmh.LogTableBloat." + method + "\",\"mode\":\"thrpt\","
        + "\"params\":{\"backlogEvents\":\"100000\",\"sources\":\"1\"},"
        + "\"primaryMetric\":{\"score\":0.1,\"scoreUnit\":\"ops/s\",\"rawData\":[[0.1]]},"
        + "\"secondaryMetrics\":{\"events\":{\"score\":" + rate + ",\"scoreUnit\":\"ops/s\",\"rawData\":[[" + rate + "]]}}}";
  }
}
