package io.evalspark.metrics;

/**
 * One-vs-rest ranking metrics of multiclass probabilities, as scikit-learn's {@code
 * roc_auc_score(multi_class='ovr')} defines them: class c's ROC AUC ranks every row by its
 * probability of c, rows of class c against all others, and the macro average takes the classes'
 * AUCs equally, the weighted one by each class's (weighted) number of rows. Each class's AUC comes
 * with certified bounds from its histogram ({@link RankingMetrics}), so the averages do too. Averages
 * run over the classes whose AUC is defined (some rows of the class and some of others), where
 * scikit-learn refuses a class absent from the labels.
 */
public final class OneVsRest {
  private final HistogramView[] classes;
  private final boolean undefined;
  /** Per class: the AUC, its lower and upper bound, computed when first asked. */
  private double[][] aucs;

  OneVsRest(HistogramView[] classes, boolean undefined) {
    this.classes = classes;
    this.undefined = undefined;
  }

  /** The number of classes counted (0 without rows). */
  public int classes() {
    return classes.length;
  }

  /** Class c's ROC AUC against the rest; NaN without rows of c or without rows of other classes. */
  public double rocAuc(int c) {
    return aucs()[c][0];
  }

  /** Which of an AUC's figures an average takes: the value or one of its certified bounds. */
  public enum Figure {
    VALUE, LOWER, UPPER
  }

  /** Macro-averaged ROC AUC or one of its bounds; NaN without a class whose AUC is defined. */
  public double macroRocAuc(Figure figure) {
    return average(figure, false);
  }

  /** Support-weighted ROC AUC or one of its bounds; NaN without a class whose AUC is defined. */
  public double weightedRocAuc(Figure figure) {
    return average(figure, true);
  }

  private double average(Figure figure, boolean bySupport) {
    if (undefined) {
      return Double.NaN;
    }
    CompensatedSum sum = new CompensatedSum();
    CompensatedSum weights = new CompensatedSum();
    double[][] all = aucs();
    for (int c = 0; c < classes.length; c++) {
      if (!Double.isNaN(all[c][0])) {
        double weight = bySupport ? classes[c].totalPositives() : 1.0;
        sum.add(weight * all[c][figure.ordinal()]);
        weights.add(weight);
      }
    }
    return MeanLoss.of(sum, weights);
  }

  private double[][] aucs() {
    if (aucs == null) {
      aucs = new double[classes.length][];
      for (int c = 0; c < classes.length; c++) {
        HistogramView h = classes[c];
        boolean defined = h.totalPositives() > 0.0 && h.totalNegatives() > 0.0;
        aucs[c] = defined
            ? new double[] {RankingMetrics.rocAuc(h), RankingMetrics.rocAucLower(h), RankingMetrics.rocAucUpper(h)}
            : new double[] {Double.NaN, Double.NaN, Double.NaN};
      }
    }
    return aucs;
  }
}
