package io.chameleon.jmh.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts of {@code LogTableBloat} results: the log tables' size over the batches, a panel
 * per number of sources (one y scale for all, so panels compare), and the rate per number of
 * sources. A layout has the same colour and line in every chart; lines alternate solid and
 * dashed, so that layouts with the same figures stay visible on top of each other.
 */
public final class BloatCharts {

  private static final int WIDTH = 560;
  private static final int HEIGHT = 380;
  private static final double MEGABYTE = 1024 * 1024;
  private static final List<Color> LAYOUT_COLOURS = List.of(
      new Color(0xD6, 0x27, 0x28), new Color(0xFF, 0x7F, 0x0E), new Color(0x1F, 0x77, 0xB4),
      new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD), new Color(0x7F, 0x7F, 0x7F));
  private static final List<java.awt.BasicStroke> LAYOUT_LINES = List.of(SeriesLines.SOLID, SeriesLines.DASH_DASH);

  private BloatCharts() {}

  /** One chart per number of sources: log table MB over batches per source, a line per layout. */
  public static List<XYChart> bytesOverBatches(List<BloatResult> results) {
    double top = results.stream().mapToDouble(BloatResult::peakBytes).max().orElse(0) / MEGABYTE;
    List<String> labels = labels(results);
    return new TreeSet<>(results.stream().map(BloatResult::sources).toList()).stream().map(sources -> {
      XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
          .title("Log tables, " + sources + (sources == 1 ? " source" : " sources"))
          .xAxisTitle("batches per source").yAxisTitle("MB").build();
      style(chart);
      chart.getStyler().setYAxisMax(Math.max(1, top * 1.05));
      for (BloatResult result : results) {
        if (result.sources() == sources && !result.bytesOverBatches().isEmpty()) {
          double[] x = result.bytesOverBatches().stream().mapToDouble(BloatResult.Point::x).toArray();
          double[] y = result.bytesOverBatches().stream().mapToDouble(p -> p.y() / MEGABYTE).toArray();
          XYSeries series = chart.addSeries(result.label(), x, y);
          draw(series, labels.indexOf(result.label()));
          series.setMarker(SeriesMarkers.NONE);
        }
      }
      return chart;
    }).toList();
  }

  /** Events per second per number of sources, a line per layout. */
  public static XYChart rate(List<BloatResult> results) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Rate").xAxisTitle("sources").yAxisTitle("events/s").build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setXAxisDecimalPattern("#");
    List<String> labels = labels(results);
    for (String label : labels) {
      List<BloatResult> line = results.stream().filter(r -> r.label().equals(label)).toList();
      XYSeries series = chart.addSeries(label, line.stream().mapToDouble(BloatResult::sources).toArray(),
          line.stream().mapToDouble(BloatResult::rate).toArray());
      draw(series, labels.indexOf(label));
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /** Writes the charts into one PNG, {@code columns} charts a row. */
  public static void writePng(List<XYChart> charts, int columns, Path file) throws IOException {
    int rows = (charts.size() + columns - 1) / columns;
    BitmapEncoder.saveBitmap(charts, rows, Math.min(columns, charts.size()), file.toString(),
        BitmapEncoder.BitmapFormat.PNG);
  }

  private static List<String> labels(List<BloatResult> results) {
    return results.stream().map(BloatResult::label).distinct().toList();
  }

  private static void style(XYChart chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("#,###");
  }

  private static void draw(XYSeries series, int index) {
    Color colour = LAYOUT_COLOURS.get(index % LAYOUT_COLOURS.size());
    series.setLineColor(colour);
    series.setLineStyle(LAYOUT_LINES.get(index % LAYOUT_LINES.size()));
    series.setMarkerColor(colour);
  }
}
