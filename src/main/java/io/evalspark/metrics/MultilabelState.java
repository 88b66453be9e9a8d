package io.evalspark.metrics;

import static io.evalspark.metrics.ThresholdMetrics.ratio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a multilabel evaluation needs: per row, the weighted sums of its subset match, its
 * Jaccard index, its precision, recall and F1 and its wrong labels (the symmetric difference of the
 * true and predicted sets); per label, its confusion counts; with scores, a histogram per label and
 * one of every (row, label) pair (one-vs-rest and micro ROC AUC) and the label ranking average
 * precision of each row. Arrays are read as sets: order and repeats do not count.
 */
public final class MultilabelState implements EvaluationState<MultilabelState> {
  private final MultilabelSettings settings;
  private RowCounts rows = new RowCounts();
  private final MeanLoss subsetMatches = new MeanLoss();
  private final MeanLoss jaccard = new MeanLoss();
  private final MeanLoss precision = new MeanLoss();
  private final MeanLoss recall = new MeanLoss();
  private final MeanLoss f1 = new MeanLoss();
  private final MeanLoss wrongLabels = new MeanLoss();
  private LabelCounts labels = new LabelCounts();
  private OneVsRestHistograms perLabel = new OneVsRestHistograms();
  private ScoreHistogram everyPair = new ScoreHistogram(ScoreHistogram.DEFAULT_BINS);
  private final MeanLoss rankingPrecision = new MeanLoss();
  /**
   * The labels a row of the indicator layout has: named in the settings, learned by the job from the
   * rows before its pass, or else learned from the first valid row (0 before).
   */
  private int labelCount;

  /** An empty state. */
  public MultilabelState(MultilabelSettings settings) {
    this(settings, 0);
  }

  /**
   * An empty state whose indicator rows have {@code labelCount} labels, where the settings do not
   * name them (0: as many as the first valid row has).
   */
  public MultilabelState(MultilabelSettings settings, int labelCount) {
    this.settings = settings;
    this.labelCount = settings.labels().isEmpty() ? labelCount : settings.labels().size();
  }

  /**
   * Counts one row of the array layout: its true labels and its predicted labels, each an array of
   * numbers (an empty array is no label); a null array, a null, NaN or infinite label or a bad weight
   * makes the row invalid.
   */
  public void updateSets(double[] trueLabels, double[] predictedLabels, double weight) {
    String reason = trueLabels == null ? "labels are null"
        : predictedLabels == null ? "predicted labels are null"
        : !RowValues.finite(trueLabels) ? "a label is " + RowValues.NOT_EXACT
        : !RowValues.finite(predictedLabels) ? "a predicted label is " + RowValues.NOT_EXACT
        : Weights.invalidReason(weight);
    if (reason != null) {
      rows.invalid(reason, "labels=" + Arrays.toString(trueLabels) + ", predicted=" + Arrays.toString(predictedLabels)
          + ", weight=" + weight);
      return;
    }
    double[] truth = distinct(trueLabels);
    double[] predicted = distinct(predictedLabels);
    int both = 0;
    for (double label : truth) {
      boolean hit = Arrays.binarySearch(predicted, label) >= 0;
      both += hit ? 1 : 0;
      labels.update(label, true, hit, weight);
    }
    for (double label : predicted) {
      if (Arrays.binarySearch(truth, label) < 0) {
        labels.update(label, false, true, weight);
      }
    }
    countRow(truth.length, predicted.length, both, weight);
  }

  /**
   * Counts one row of the indicator layout: per label (in the settings' order) 1 where it is true
   * of the row and 0 where not, and its score in [0, 1]; the label is predicted iff its score is at
   * least the threshold. Without named labels, the first valid row's length is the number of labels.
   * Arrays of another length, an indicator other than 0 or 1, a score that is NaN or outside [0, 1]
   * or a bad weight make the row invalid.
   */
  public void updateIndicators(double[] isTrue, double[] scores, double weight) {
    int n = labelCount > 0 ? labelCount : isTrue == null || isTrue.length == 0 ? -1 : isTrue.length;
    String reason = isTrue == null || isTrue.length != n ? "labels do not have one indicator per label"
        : scores == null || scores.length != n ? "scores do not have one score per label"
        : !RowValues.zeroOrOne(isTrue) ? "a label indicator is not 0 or 1"
        : !RowValues.probabilities(scores) ? "a score is NaN or outside [0, 1]"
        : Weights.invalidReason(weight);
    if (reason != null) {
      rows.invalid(reason, "labels=" + Arrays.toString(isTrue) + ", scores=" + Arrays.toString(scores)
          + ", weight=" + weight);
      return;
    }
    labelCount = n;
    int trueCount = 0;
    int predictedCount = 0;
    int both = 0;
    for (int c = 0; c < n; c++) {
      boolean t = isTrue[c] == 1.0;
      boolean p = scores[c] >= settings.threshold();
      trueCount += t ? 1 : 0;
      predictedCount += p ? 1 : 0;
      both += t && p ? 1 : 0;
      labels.update(c, t, p, weight);
      everyPair.update(scores[c], t, weight);
    }
    perLabel.update(isTrue, scores, weight);
    rankingPrecision.update(labelRankingPrecision(isTrue, scores, trueCount), weight);
    countRow(trueCount, predictedCount, both, weight);
  }

  private void countRow(int trueCount, int predictedCount, int both, double weight) {
    rows.evaluated();
    int union = trueCount + predictedCount - both;
    subsetMatches.update(both == trueCount && both == predictedCount ? 1.0 : 0.0, weight);
    jaccard.update(ratio(both, union), weight);
    precision.update(ratio(both, predictedCount), weight);
    recall.update(ratio(both, trueCount), weight);
    f1.update(ratio(2.0 * both, trueCount + predictedCount), weight);
    wrongLabels.update(union - both, weight);
  }

  /**
   * scikit-learn's label ranking average precision of one row: over its true labels j, the share
   * of true labels among the labels scored at least as high as j; 1 where no label or every label
   * is true.
   */
  private static double labelRankingPrecision(double[] isTrue, double[] scores, int trueCount) {
    if (trueCount == 0 || trueCount == scores.length) {
      return 1.0;
    }
    double sum = 0.0;
    for (int j = 0; j < scores.length; j++) {
      if (isTrue[j] != 1.0) {
        continue;
      }
      int atOrAbove = 0;
      int trueAtOrAbove = 0;
      for (int k = 0; k < scores.length; k++) {
        if (scores[k] >= scores[j]) {
          atOrAbove++;
          trueAtOrAbove += isTrue[k] == 1.0 ? 1 : 0;
        }
      }
      sum += (double) trueAtOrAbove / atOrAbove;
    }
    return sum / trueCount;
  }

  /** The distinct values, ascending (-0.0 read as 0.0). */
  private static double[] distinct(double[] values) {
    double[] sorted = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      sorted[i] = values[i] + 0.0;
    }
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  @Override
  public void merge(MultilabelState other) {
    settings.requireSame(other.settings);
    if (labelCount > 0 && other.labelCount > 0 && labelCount != other.labelCount) {
      throw new IllegalArgumentException("rows hold indicators of " + labelCount + " and of " + other.labelCount
          + " labels: every row needs one indicator and one score per label");
    }
    labelCount = Math.max(labelCount, other.labelCount);
    rows.merge(other.rows);
    subsetMatches.merge(other.subsetMatches);
    jaccard.merge(other.jaccard);
    precision.merge(other.precision);
    recall.merge(other.recall);
    f1.merge(other.f1);
    wrongLabels.merge(other.wrongLabels);
    labels.merge(other.labels);
    perLabel.merge(other.perLabel);
    everyPair.merge(other.everyPair);
    rankingPrecision.merge(other.rankingPrecision);
  }

  @Override
  public MultilabelSettings settings() {
    return settings;
  }

  @Override
  public double evaluatedWeight() {
    return subsetMatches.weight();
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    return MultilabelCatalogue.CATALOGUE.values(settings, view(), Catalogue.undefined(rows.evaluatedRows(), jaccard.weight()));
  }

  /** A read-only view of the merged sums, which the multilabel catalogue's formulas read. */
  public MultilabelView view() {
    long count = settings.hasScores() ? labelCount : labels.trueLabels();
    return new MultilabelView(settings, subsetMatches.mean(), jaccard.mean(), precision.mean(), recall.mean(),
        f1.mean(), count == 0 ? Double.NaN : wrongLabels.mean() / count, labels.byLabel(), perLabel.view(), everyPair.view(),
        rankingPrecision.mean());
  }

  @Override
  public MultilabelDetails details() {
    OneVsRest aucs = perLabel.view();
    List<MultilabelDetails.LabelMetrics> rows = new ArrayList<>();
    labels.byLabel().forEach((label, c) -> rows.add(new MultilabelDetails.LabelMetrics(name(label), c.precision(),
        c.recall(), c.f1(), c.support(), settings.hasScores() && aucs.classes() > 0
            ? aucs.rocAuc(label.intValue()) : Double.NaN)));
    return new MultilabelDetails(rows);
  }

  /** A label's name: its column's in the indicator layout, its number otherwise (1.0 as "1"). */
  private String name(double label) {
    if (!settings.labels().isEmpty()) {
      return settings.labels().get((int) label);
    }
    return label == Math.rint(label) && Math.abs(label) < 1e15 ? Long.toString((long) label) : Double.toString(label);
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('L', out -> {
      settings.writeTo(out);
      rows.writeTo(out);
      out.writeInt(labelCount);
      for (MeanLoss m : rowSums()) {
        m.writeTo(out);
      }
      labels.writeTo(out);
      perLabel.writeTo(out);
      everyPair.writeTo(out);
    });
  }

  private List<MeanLoss> rowSums() {
    return List.of(subsetMatches, jaccard, precision, recall, f1, wrongLabels, rankingPrecision);
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static MultilabelState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'L', "multilabel state", (in, version) -> {
      MultilabelState s = new MultilabelState(MultilabelSettings.readFrom(in));
      s.rows = RowCounts.readFrom(in);
      s.labelCount = in.readInt();
      for (MeanLoss m : s.rowSums()) {
        m.merge(MeanLoss.readFrom(in));
      }
      s.labels = LabelCounts.readFrom(in);
      s.perLabel = OneVsRestHistograms.readFrom(in, version, 0);
      s.everyPair = ScoreHistogram.readFrom(in, version);
      return s;
    });
  }
}
