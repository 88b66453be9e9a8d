package io.evalspark.metrics;

import io.evalspark.loss.CategoricalCrossEntropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a multiclass evaluation needs: the confusion matrix, and with probabilities the
 * categorical cross-entropy, the top-K hits and one score histogram per class (one-vs-rest AUC). Without a predicted class the prediction is the
 * class of highest probability (the first one on ties).
 */
public final class MulticlassState implements EvaluationState<MulticlassState> {
  /**
   * The most classes an evaluation takes, declared or learned (class indices from 0 below it): its
   * K x K confusion matrix is held dense on the driver and written to metrics.json and the report.
   */
  public static final int MOST_CLASSES = 1000;
  private final MulticlassSettings settings;
  private RowCounts rows = new RowCounts();
  private ConfusionMatrix matrix;
  private MeanLoss logLoss = new MeanLoss();
  private MeanLoss topKHits = new MeanLoss();
  private OneVsRestHistograms oneVsRest;

  /** An empty state. */
  public MulticlassState(MulticlassSettings settings) {
    this.settings = settings;
    this.matrix = new ConfusionMatrix(settings.classes());
    this.oneVsRest = new OneVsRestHistograms(settings.bins());
  }

  /**
   * Counts one row, or records why it cannot be evaluated: a label or prediction that is null, NaN,
   * not a whole number {@code >= 0} or not below the number of classes; probabilities that are
   * missing, of the wrong length, outside [0, 1] or all zero; a bad weight.
   */
  public void update(Double label, Double prediction, double[] probabilities, Double weight) {
    update(RowCounts.orNaN(label), RowCounts.orNaN(prediction), probabilities, RowCounts.orNaN(weight));
  }

  /**
   * The same with NaN standing for a null label, prediction or weight (a prediction is read only
   * when the settings say rows have one): primitive, so that Spark's rows and column batches reach
   * the state without boxing. {@code probabilities} is only read, never kept.
   */
  public void update(double label, double prediction, double[] probabilities, double weight) {
    String reason = invalidReason(label, prediction, probabilities, weight);
    if (reason != null) {
      rows.invalid(reason, "label=" + label + ", prediction=" + (settings.hasPrediction() ? prediction : null)
          + ", probabilities=" + Arrays.toString(probabilities) + ", weight=" + weight);
      return;
    }
    int y = (int) label;
    int predicted = settings.hasPrediction() ? (int) prediction : argmax(probabilities);
    rows.evaluated();
    matrix.update(y, predicted, weight);
    if (settings.hasProbabilities()) {
      logLoss.update(CategoricalCrossEntropy.value(y, probabilities), weight);
      oneVsRest.update(y, probabilities, weight);
      if (settings.topK() > 0) {
        topKHits.update(rankOf(y, probabilities) < settings.topK() ? 1.0 : 0.0, weight);
      }
    }
  }

  private String invalidReason(double label, double prediction, double[] probabilities, double weight) {
    int classes = settings.classes();
    if (settings.hasProbabilities()) {
      if (probabilities == null) {
        return "probabilities are null";
      }
      if (classes > 0 && probabilities.length != classes) {
        return "probabilities do not have one entry per class";
      }
      classes = probabilities.length;
      double sum = 0.0;
      for (double p : probabilities) {
        if (!(p >= 0.0 && p <= 1.0)) {
          return "a probability is NaN or outside [0, 1]";
        }
        sum += p;
      }
      if (sum == 0.0) {
        return "probabilities are all zero";
      }
    }
    String bad = classIndexProblem("label", label, classes);
    if (bad == null && settings.hasPrediction()) {
      bad = classIndexProblem("prediction", prediction, classes);
    }
    return bad != null ? bad : Weights.invalidReason(weight);
  }

  private static String classIndexProblem(String role, double index, int classes) {
    if (Double.isNaN(index)) {
      return role + " is null or NaN";
    }
    if (index < 0 || index != Math.rint(index) || index >= Integer.MAX_VALUE) {
      return role + " is not a class index (a whole number >= 0)";
    }
    if (index >= (classes > 0 ? classes : MOST_CLASSES)) {
      return role + " is a class index out of range (>= the number of classes)";
    }
    return null;
  }

  /** How many classes have a strictly higher probability than class y (ties count in its favour). */
  private static int rankOf(int y, double[] probabilities) {
    int higher = 0;
    for (double p : probabilities) {
      if (p > probabilities[y]) {
        higher++;
      }
    }
    return higher;
  }

  private static int argmax(double[] probabilities) {
    int best = 0;
    for (int c = 1; c < probabilities.length; c++) {
      if (probabilities[c] > probabilities[best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public void merge(MulticlassState other) {
    settings.requireSame(other.settings);
    rows.merge(other.rows);
    matrix.merge(other.matrix);
    logLoss.merge(other.logLoss);
    topKHits.merge(other.topKHits);
    oneVsRest.merge(other.oneVsRest);
  }

  @Override
  public MulticlassSettings settings() {
    return settings;
  }

  /**
   * Whether the rows' probabilities differed in length, which leaves the number of classes unclear
   * and the one-vs-rest metrics undefined (of a state counted from rows, not read from before
   * these histograms were kept).
   */
  public boolean probabilityLengthsDiffer() {
    return settings.hasProbabilities() && oneVsRest.isUndefined();
  }

  @Override
  public double evaluatedWeight() {
    return new MatrixMetrics(matrix).total();
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    MulticlassView view = view();
    return MulticlassCatalogue.CATALOGUE.values(settings, view,
        Catalogue.undefined(rows.evaluatedRows(), view.matrix().total()));
  }

  /** A read-only view of the merged matrix and sums. */
  public MulticlassView view() {
    return new MulticlassView(settings, new MatrixMetrics(matrix), logLoss.mean(), topKHits.mean(), oneVsRest.view());
  }

  @Override
  public MulticlassDetails details() {
    MatrixMetrics mm = new MatrixMetrics(matrix);
    List<MulticlassDetails.ClassMetrics> perClass = new ArrayList<>();
    for (int c : mm.presentClasses()) {
      perClass.add(new MulticlassDetails.ClassMetrics(c, mm.precision(c), mm.recall(c), mm.f1(c), mm.support(c)));
    }
    double[][] cells = new double[matrix.classes()][matrix.classes()];
    for (int a = 0; a < cells.length; a++) {
      for (int p = 0; p < cells.length; p++) {
        cells[a][p] = matrix.count(a, p);
      }
    }
    return new MulticlassDetails(perClass, cells);
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('M', out -> {
      settings.writeTo(out);
      rows.writeTo(out);
      matrix.writeTo(out);
      logLoss.writeTo(out);
      topKHits.writeTo(out);
      oneVsRest.writeTo(out);
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static MulticlassState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'M', "multiclass state", (in, version) -> {
      MulticlassState s = new MulticlassState(MulticlassSettings.readFrom(in, version));
      s.rows = RowCounts.readFrom(in);
      s.matrix = ConfusionMatrix.readFrom(in);
      s.logLoss = MeanLoss.readFrom(in);
      s.topKHits = MeanLoss.readFrom(in);
      s.oneVsRest = version >= 4 ? OneVsRestHistograms.readFrom(in, version, s.settings.bins())
          : OneVsRestHistograms.unknown();
      return s;
    });
  }
}
