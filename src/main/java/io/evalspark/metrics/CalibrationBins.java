package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Equal-width confidence bins over [0, 1] for calibration: per bin the weight, the weighted sum of
 * predicted probabilities and of labels. Bin m (from 1) holds p in ((m-1)/M, m/M]; p = 0 is in the
 * first. Expected calibration error as in Guo et al., "On Calibration of Modern Neural Networks"
 * (2017): the sum over bins of (weight share) * |mean label - mean probability|.
 */
public final class CalibrationBins {
  /** The number of bins used for the {@code ece} metric. */
  public static final int DEFAULT_BINS = 15;
  private final CompensatedArray weight;
  private final CompensatedArray probability;
  private final CompensatedArray label;

  /** Empty bins. */
  public CalibrationBins(int bins) {
    weight = new CompensatedArray(bins);
    probability = new CompensatedArray(bins);
    label = new CompensatedArray(bins);
  }

  private CalibrationBins(CompensatedArray weight, CompensatedArray probability, CompensatedArray label) {
    this.weight = weight;
    this.probability = probability;
    this.label = label;
  }

  /** Counts one row: predicted probability {@code p}, label 0 or 1, weight {@code w}. */
  public void update(double p, double y, double w) {
    add(binOf(p, weight.size()), w, w * p, w * y);
  }

  /** The bin, of {@code bins}, that probability {@code p} falls in. */
  static int binOf(double p, int bins) {
    return Math.max(0, Math.min(bins - 1, (int) Math.ceil(p * bins) - 1));
  }

  /** Adds to bin {@code bin} a weight and its weighted sums of probabilities and of labels. */
  void add(int bin, double w, double weightedProbability, double weightedLabel) {
    weight.add(bin, w);
    probability.add(bin, weightedProbability);
    label.add(bin, weightedLabel);
  }

  /** The number of bins. */
  int bins() {
    return weight.size();
  }

  /** Adds another state with the same number of bins. */
  public void merge(CalibrationBins other) {
    weight.merge(other.weight);
    probability.merge(other.probability);
    label.merge(other.label);
  }

  /** Expected calibration error; NaN when empty. */
  public double expectedCalibrationError() {
    CompensatedSum gap = new CompensatedSum();
    for (int b = 0; b < weight.size(); b++) {
      gap.add(Math.abs(label.get(b) - probability.get(b)));
    }
    double total = weight.total();
    return total == 0.0 ? Double.NaN : gap.value() / total;
  }

  /**
   * The reliability curve: per non-empty bin its upper edge, the mean predicted probability, the
   * fraction of positives (both weighted) and the bin's weight.
   */
  public Curve curve() {
    int n = 0;
    for (int b = 0; b < weight.size(); b++) {
      n += weight.get(b) > 0 ? 1 : 0;
    }
    double[][] columns = new double[4][n];
    int i = 0;
    for (int b = 0; b < weight.size(); b++) {
      double w = weight.get(b);
      if (w > 0) {
        columns[0][i] = (b + 1.0) / weight.size();
        columns[1][i] = probability.get(b) / w;
        columns[2][i] = label.get(b) / w;
        columns[3][i] = w;
        i++;
      }
    }
    return new Curve(new String[] {"bin_upper", "mean_probability", "fraction_positive", "weight"}, columns);
  }

  void writeTo(DataOutput out) throws IOException {
    weight.writeTo(out);
    probability.writeTo(out);
    label.writeTo(out);
  }

  static CalibrationBins readFrom(DataInput in) throws IOException {
    CompensatedArray w = CompensatedArray.readFrom(in);
    CompensatedArray p = CompensatedArray.readFrom(in);
    return new CalibrationBins(w, p, CompensatedArray.readFrom(in));
  }
}
