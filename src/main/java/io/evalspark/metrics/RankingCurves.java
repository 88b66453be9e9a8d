package io.evalspark.metrics;

import java.util.ArrayList;
import java.util.List;

/** The curves of a score histogram's view, thinned to a number of points for reports. */
public final class RankingCurves {
  private RankingCurves() {}

  /** The ROC curve (threshold, fpr, tpr) from (0, 0) to (1, 1), at most {@code maxPoints} points including the origin. */
  public static Curve roc(HistogramView h, int maxPoints) {
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {Double.NaN, 0.0, 0.0});
    sampled(h, maxPoints - 1, (threshold, tp, fp) ->
        points.add(new double[] {threshold, fp / h.totalNegatives(), tp / h.totalPositives()}));
    return new Curve(new String[] {"threshold", "fpr", "tpr"}, columns(points, 3));
  }

  /** The precision-recall curve (threshold, recall, precision), at most {@code maxPoints} points. */
  public static Curve precisionRecall(HistogramView h, int maxPoints) {
    List<double[]> points = new ArrayList<>();
    sampled(h, maxPoints, (threshold, tp, fp) ->
        points.add(new double[] {threshold, tp / h.totalPositives(), tp / (tp + fp)}));
    return new Curve(new String[] {"threshold", "recall", "precision"}, columns(points, 3));
  }

  /** The view's points ({@link HistogramView#points}) thinned to about {@code maxPoints}, in one sweep. */
  private static void sampled(HistogramView h, int maxPoints, HistogramView.PointSink sink) {
    int[] kept = sample(h.pointCount(), maxPoints);
    int[] next = {0};
    int[] index = {0};
    h.points((threshold, tp, fp) -> {
      if (next[0] < kept.length && kept[next[0]] == index[0]) {
        sink.at(threshold, tp, fp);
        next[0]++;
      }
      index[0]++;
    });
  }

  /**
   * The score distribution per class in {@code bins} equal-width bins (fewer when the histogram has
   * fewer): each bin's lower and upper edge and the weight of negatives and positives in it.
   */
  public static Curve distribution(HistogramView h, int bins) {
    int fine = h.bins();
    int coarse = Math.min(bins, fine);
    double[][] columns = new double[4][coarse];
    for (int c = 0; c < coarse; c++) {
      columns[0][c] = (double) c / coarse;
      columns[1][c] = (c + 1.0) / coarse;
    }
    for (int k = 0; k < h.filled(); k++) {
      // an edge k / fine in floating point may fall a hair below the coarse edge it sits on
      int c = Math.min((int) (h.edge(k) * coarse + 1e-9), coarse - 1);
      columns[2][c] += h.negatives(k);
      columns[3][c] += h.positives(k);
    }
    return new Curve(new String[] {"lower", "upper", "negatives", "positives"}, columns);
  }

  /** Indices 0..n-1 thinned to about {@code maxPoints}, always keeping the last. */
  private static int[] sample(int n, int maxPoints) {
    int step = Math.max(1, (n + maxPoints - 1) / Math.max(1, maxPoints));
    List<Integer> kept = new ArrayList<>();
    for (int i = step - 1; i < n; i += step) {
      kept.add(i);
    }
    if (n > 0 && kept.get(kept.size() - 1) != n - 1) {
      kept.add(n - 1);
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[][] columns(List<double[]> rows, int width) {
    double[][] out = new double[width][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < width; j++) {
        out[j][i] = rows.get(i)[j];
      }
    }
    return out;
  }
}
