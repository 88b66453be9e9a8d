package io.evalspark.metrics;

import io.evalspark.loss.AbsoluteError;
import io.evalspark.loss.AbsolutePercentageError;
import io.evalspark.loss.HuberLoss;
import io.evalspark.loss.LogCoshLoss;
import io.evalspark.loss.PointLoss;
import io.evalspark.loss.SquaredError;
import java.io.DataInput;
import java.io.IOException;
import java.util.Map;

/**
 * Everything a regression evaluation needs from one pass: the weighted mean of each loss, the
 * moments of the label and of the residual (for r2 and explained variance), and the largest error.
 * The metrics are in {@link RegressionCatalogue}.
 */
public final class RegressionState implements EvaluationState<RegressionState> {
  private static final int SQUARED = 0;
  private static final int ABSOLUTE = 1;
  private static final int PERCENTAGE = 2;
  private static final int HUBER = 3;
  private static final int LOG_COSH = 4;

  private final RegressionSettings settings;
  private final PointLoss[] losses;
  private RowCounts rows = new RowCounts();
  private MeanLoss[] means = new MeanLoss[5];
  private WeightedMoments label = new WeightedMoments();
  private WeightedMoments residual = new WeightedMoments();
  private double maxError;

  /** An empty state with these settings. */
  public RegressionState(RegressionSettings settings) {
    this.settings = settings;
    this.losses = new PointLoss[] {new SquaredError(), new AbsoluteError(), new AbsolutePercentageError(),
        new HuberLoss(settings.huberDelta()), new LogCoshLoss()};
    for (int i = 0; i < means.length; i++) {
      means[i] = new MeanLoss();
    }
  }

  /** Counts one row as {@link #update(double, double, double)} does, a null reading as NaN. */
  public void update(Double y, Double prediction, Double weight) {
    update(RowCounts.orNaN(y), RowCounts.orNaN(prediction), RowCounts.orNaN(weight));
  }

  /**
   * Counts one row, or records why not: a label or prediction NaN (or null) or infinite; a bad
   * weight. Primitive, so that Spark's rows and column batches reach the state without boxing.
   */
  public void update(double t, double p, double w) {
    String reason = finiteProblem("label", t);
    if (reason == null) {
      reason = finiteProblem("prediction", p);
    }
    if (reason == null) {
      reason = Weights.invalidReason(w);
    }
    if (reason != null) {
      rows.invalid(reason, "label=" + t + ", prediction=" + p + ", weight=" + w);
      return;
    }
    rows.evaluated();
    for (int i = 0; i < losses.length; i++) {
      means[i].update(losses[i].value(t, p), w);
    }
    label.update(t, w);
    residual.update(t - p, w);
    maxError = Math.max(maxError, Math.abs(t - p));
  }

  private static String finiteProblem(String role, double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? role + " is null, NaN or infinite" : null;
  }

  @Override
  public void merge(RegressionState other) {
    if (!settings.equals(other.settings)) {
      throw new IllegalArgumentException(
          "cannot merge regression states of Huber delta " + settings.huberDelta() + " and " + other.settings.huberDelta());
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
  public RegressionSettings settings() {
    return settings;
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    return RegressionCatalogue.CATALOGUE.values(settings, view(), rows.evaluatedRows() == 0);
  }

  /** A read-only view of the merged sums and moments. */
  public RegressionView view() {
    return new RegressionView(settings, label.weight(), means[SQUARED].mean(), means[ABSOLUTE].mean(),
        means[PERCENTAGE].mean(), means[HUBER].mean(), means[LOG_COSH].mean(), means[SQUARED].total(),
        label.squaredDeviations(), residual.squaredDeviations(), maxError);
  }

  @Override
  public Details details() {
    return new Details.None();
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('R', out -> {
      out.writeDouble(settings.huberDelta());
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
    return StateBytes.read(bytes, 'R', "regression state", (in, version) -> readBody(in));
  }

  private static RegressionState readBody(DataInput in) throws IOException {
    RegressionState s = new RegressionState(new RegressionSettings(in.readDouble()));
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
