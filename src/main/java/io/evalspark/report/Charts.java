package io.evalspark.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn by XChart and encoded as PNG. */
final class Charts {
  static final int WIDTH = 520;
  static final int HEIGHT = 400;
  /** The most classes whose confusion matrix writes each cell's count in it. */
  static final int COUNTS_SHOWN_UP_TO = 30;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** The ROC curve with the chance diagonal. */
  static byte[] roc(Map<String, double[]> curve, double auc) {
    XYChart c = unitSquare(String.format(Locale.ROOT, "ROC curve (AUC %.4f)", auc), "false positive rate",
        "true positive rate");
    line(c, "ROC", curve.get("fpr"), curve.get("tpr"));
    diagonal(c, "chance");
    return png(c);
  }

  /** The precision-recall curve. */
  static byte[] precisionRecall(Map<String, double[]> curve, double averagePrecision) {
    XYChart c = unitSquare(String.format(Locale.ROOT, "Precision-recall curve (AP %.4f)", averagePrecision),
        "recall", "precision");
    line(c, "PR", curve.get("recall"), curve.get("precision"));
    return png(c);
  }

  /** The reliability diagram: fraction of positives against mean predicted probability per bin. */
  static byte[] calibration(Map<String, double[]> bins, double ece) {
    XYChart c = unitSquare(String.format(Locale.ROOT, "Calibration (ECE %.4f)", ece), "mean predicted probability",
        "fraction of positives");
    XYSeries s = c.addSeries("model", bins.get("mean_probability"), bins.get("fraction_positive"));
    s.setMarker(SeriesMarkers.CIRCLE);
    diagonal(c, "perfectly calibrated");
    return png(c);
  }

  /** The score distribution of each class as a share of that class's weight per bin. */
  static byte[] scoreDistribution(Map<String, double[]> bins) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Score distribution per class")
        .xAxisTitle("score").yAxisTitle("share of the class").build();
    style(c);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
    double[] x = bins.get("lower");
    for (String cls : new String[] {"negatives", "positives"}) {
      double[] y = shares(bins.get(cls));
      c.addSeries(cls.equals("negatives") ? "label 0" : "label 1", x, y).setMarker(SeriesMarkers.NONE);
    }
    return png(c);
  }

  /**
   * A confusion matrix as a heat map: actual classes down, predicted classes across, each cell's
   * count written in it up to {@link #COUNTS_SHOWN_UP_TO} classes. Beyond, a cell is a few pixels
   * wide, and writing the counts of a thousand classes (a million text outlines) took most of a
   * run's time.
   */
  static byte[] confusion(double[][] cells, List<String> classes) {
    int size = Math.max(HEIGHT, Math.min(900, 160 + 60 * cells.length));
    HeatMapChart c = new HeatMapChartBuilder().width(size + 100).height(size).title("Confusion matrix")
        .xAxisTitle("predicted").yAxisTitle("actual").build();
    c.getStyler().setShowValue(cells.length <= COUNTS_SHOWN_UP_TO).setHeatMapValueDecimalPattern("#,##0.##");
    c.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x2171b5)});
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    List<Number[]> heat = new ArrayList<>();
    double max = 0;
    int n = cells.length;
    for (int actual = 0; actual < n; actual++) {
      for (int predicted = 0; predicted < n; predicted++) {
        // the y axis grows upwards: the first class goes on top
        heat.add(new Number[] {predicted, n - 1 - actual, cells[actual][predicted]});
        max = Math.max(max, cells[actual][predicted]);
      }
    }
    List<String> down = new ArrayList<>(classes);
    java.util.Collections.reverse(down);
    c.getStyler().setMin(0).setMax(max == 0 ? 1 : max);
    c.addSeries("count", classes, down, heat);
    return png(c);
  }

  /**
   * One value per epoch, for training and (when present) validation rows; {@code halfWidths}, when
   * present, are the validation values' interval half-widths, drawn as error bars.
   */
  static byte[] epochs(String name, double[] epochs, double[] train, double[] validation, double[] halfWidths) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(name + " per epoch")
        .xAxisTitle("epoch").yAxisTitle(name).build();
    style(c);
    c.addSeries("training", epochs, gaps(train)).setMarker(SeriesMarkers.CIRCLE);
    if (validation != null && halfWidths != null) {
      c.addSeries("validation (95% interval)", epochs, gaps(validation), gaps(halfWidths))
          .setMarker(SeriesMarkers.CIRCLE);
    } else if (validation != null) {
      c.addSeries("validation", epochs, gaps(validation)).setMarker(SeriesMarkers.CIRCLE);
    }
    return png(c);
  }

  /** The values with each infinite one made NaN, which a chart leaves out and cannot draw otherwise. */
  private static double[] gaps(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.isInfinite(out[i]) ? Double.NaN : out[i];
    }
    return out;
  }

  /**
   * A metric over run dates, oldest first, with the band of its intervals on the dates that have
   * one (NaN bounds where a run recorded none). A date whose value is undefined or infinite (a
   * diverged model's mse) is a gap.
   */
  static byte[] trend(String metric, List<java.time.LocalDate> dates, double[] values, double[] lower, double[] upper,
      String band) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(metric + " by run date")
        .xAxisTitle("run date").yAxisTitle(metric).build();
    style(c);
    c.getStyler().setDatePattern("MM-dd");
    List<java.util.Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<java.util.Date> bandX = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    for (int i = 0; i < dates.size(); i++) {
      java.util.Date d = java.sql.Date.valueOf(dates.get(i));
      if (Double.isFinite(values[i])) { // an undefined or infinite value is a gap
        x.add(d);
        y.add(values[i]);
      }
      if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
        bandX.add(d);
        low.add(lower[i]);
        high.add(upper[i]);
      }
    }
    if (!bandX.isEmpty()) {
      for (List<Double> edge : List.of(low, high)) {
        XYSeries s = c.addSeries(edge == low ? band + " lower" : band + " upper", bandX, edge);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0x9ecae1));
      }
    }
    if (x.isEmpty()) { // nothing defined: an empty chart still says so in its title
      x.add(java.sql.Date.valueOf(dates.get(dates.size() - 1)));
      y.add(0.0);
    }
    c.addSeries(metric, x, y).setMarker(SeriesMarkers.CIRCLE);
    return png(c);
  }

  /** Several models' curves in one chart: {@code x} and {@code y} name each curve's columns. */
  static byte[] overlay(String title, Map<String, Map<String, double[]>> curves, String x, String y, boolean diagonal) {
    XYChart c = unitSquare(title, x.equals("fpr") ? "false positive rate" : x,
        y.equals("tpr") ? "true positive rate" : y);
    curves.forEach((model, curve) -> line(c, model, curve.get(x), curve.get(y)));
    if (diagonal) {
      diagonal(c, "chance");
    }
    return png(c);
  }

  private static XYChart unitSquare(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    style(c);
    c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    return c;
  }

  private static void style(XYChart c) {
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
  }

  private static void line(XYChart c, String name, double[] x, double[] y) {
    c.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }

  private static void diagonal(XYChart c, String name) {
    XYSeries d = c.addSeries(name, new double[] {0, 1}, new double[] {0, 1});
    d.setMarker(SeriesMarkers.NONE);
    d.setLineColor(Color.GRAY);
  }

  private static double[] shares(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = total == 0 ? 0 : weights[i] / total;
    }
    return out;
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the plot '" + chart.getTitle() + "': " + e.getMessage(), e);
    }
  }
}
