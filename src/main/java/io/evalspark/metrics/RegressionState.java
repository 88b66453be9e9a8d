package io.evalspark.metrics;

import io.evalspark.loss.AbsoluteError;
import io.evalspark.loss.AbsolutePercentageError;
import io.evalspark.loss.HuberLoss;
import io.evalspark.loss.LogCoshLoss;
import io.evalspark.loss.PointLoss;
import io.evalspark.loss.SquaredError;
import java.io.DataInput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a regression evaluation needs from one pass: the weighted mean of each loss, the
 * moments of the label and of the residual (for r2 and explained variance), and the largest error.
 * Definitions follow scikit-learn's regression metrics; r2 and explained variance of a constant
 * label are 1 for a perfect prediction and 0 otherwise, as scikit-learn's {@code force_finite}.
 */
public final class RegressionState implements EvaluationState<RegressionState> {
  private static final String[] LOSS_NAMES = {"mse", "mae", "mape", "huber", "log_cosh"};

  private final double huberDelta;
  private final PointLoss[] losses;
  private RowCounts rows = new RowCounts();
  private MeanLoss[] means = new MeanLoss[LOSS_NAMES.length];
  private WeightedMoments label = new WeightedMoments();
  private WeightedMoments residual = new WeightedMoments();
  private double maxError;

  /** An empty state whose Huber loss uses {@code huberDelta}. */
  public RegressionState(double huberDelta) {
    this.huberDelta = huberDelta;
    this.losses = new PointLoss[] {
        new SquaredError(), new AbsoluteError(), new AbsolutePercentageError(), new HuberLoss(huberDelta), new LogCoshLoss()};
    for (int i = 0; i < means.length; i++) {
      means[i] = new MeanLoss();
    }
  }

  /** Counts one row, or records why not: a label or prediction null, NaN or infinite; a bad weight. */
  public void update(Double y, Double prediction, Double weight) {
    String reason = finiteProblem("label", y);
    if (reason == null) {
      reason = finiteProblem("prediction", prediction);
    }
    if (reason == null) {
      reason = Weights.invalidReason(weight);
    }
    if (reason != null) {
      rows.invalid(reason, "label=" + y + ", prediction=" + prediction + ", weight=" + weight);
      return;
    }
    double t = y;
    double p = prediction;
    double w = weight;
    rows.evaluated();
    for (int i = 0; i < losses.length; i++) {
      means[i].update(losses[i].value(t, p), w);
    }
    label.update(t, w);
    residual.update(t - p, w);
    maxError = Math.max(maxError, Math.abs(t - p));
  }

  private static String finiteProblem(String role, Double x) {
    return x == null || x.isNaN() || x.isInfinite() ? role + " is null, NaN or infinite" : null;
  }

  @Override
  public void merge(RegressionState other) {
    if (Double.compare(huberDelta, other.huberDelta) != 0) {
      throw new IllegalArgumentException(
          "cannot merge regression states of Huber delta " + huberDelta + " and " + other.huberDelta);
    }
    rows.merge(other.rows);
    for (int i = 0; i < means.length; i++) {
      means[i].merge(other.means[i]);
    }
    label.merge(other.label);
    residual.merge(other.residual);
    maxError = Math.max(maxError, other.maxError);
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    double mse = means[0].mean();
    double w = label.weight();
    double sse = means[0].total();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mse", mse);
    m.put("rmse", Math.sqrt(mse));
    m.put("mae", means[1].mean());
    m.put("r2", w == 0.0 ? Double.NaN : oneMinusRatio(sse, label.squaredDeviations()));
    m.put("explained_variance",
        w == 0.0 ? Double.NaN : oneMinusRatio(residual.squaredDeviations(), label.squaredDeviations()));
    m.put("mape", means[2].mean());
    m.put("max_error", rows.evaluatedRows() == 0 ? Double.NaN : maxError);
    m.put("huber", means[3].mean());
    m.put("log_cosh", means[4].mean());
    return m;
  }

  private static double oneMinusRatio(double numerator, double denominator) {
    if (denominator == 0.0) {
      return numerator == 0.0 ? 1.0 : 0.0;
    }
    return 1.0 - numerator / denominator;
  }

  @Override
  public Map<String, Object> details() {
    return new LinkedHashMap<>();
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('R', out -> {
      out.writeDouble(huberDelta);
      rows.writeTo(out);
      for (MeanLoss mean : means) {
        mean.writeTo(out);
      }
      label.writeTo(out);
      residual.writeTo(out);
      out.writeDouble(maxError);
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static RegressionState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'R', "regression state", in -> readBody(in));
  }

  private static RegressionState readBody(DataInput in) throws IOException {
    RegressionState s = new RegressionState(in.readDouble());
    s.rows = RowCounts.readFrom(in);
    for (int i = 0; i < s.means.length; i++) {
      s.means[i] = MeanLoss.readFrom(in);
    }
    s.label = WeightedMoments.readFrom(in);
    s.residual = WeightedMoments.readFrom(in);
    s.maxError = in.readDouble();
    return s;
  }

}
