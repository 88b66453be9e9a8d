package io.evalspark.metrics;

import io.evalspark.loss.AbsoluteError;
import io.evalspark.loss.AbsolutePercentageError;
import io.evalspark.loss.Expression;
import io.evalspark.loss.GammaDeviance;
import io.evalspark.loss.HuberLoss;
import io.evalspark.loss.LogCoshLoss;
import io.evalspark.loss.PoissonDeviance;
import io.evalspark.loss.PoissonLoss;
import io.evalspark.loss.SquaredError;
import io.evalspark.loss.SquaredLogError;
import java.io.DataInput;
import java.io.IOException;
import java.util.Map;

/**
 * Everything a regression evaluation needs from one pass: the weighted mean of each loss, the
 * moments of the label and of the residual (for r2 and explained variance), the largest error, and
 * a sketch of the absolute errors for their median.
 * The metrics are in {@link RegressionCatalogue}. A loss that is not defined for a row (the squared
 * log error of a label at or below -1, a deviance of a rate at or below 0) makes its mean undefined.
 */
public final class RegressionState implements EvaluationState<RegressionState> {
  private static final int SQUARED = 0;
  private static final int ABSOLUTE = 1;
  private static final int PERCENTAGE = 2;
  private static final int HUBER = 3;
  private static final int LOG_COSH = 4;
  private static final int SQUARED_LOG = 5;
  private static final int POISSON = 6;
  private static final int POISSON_DEVIANCE = 7;
  private static final int GAMMA_DEVIANCE = 8;
  /** How many built-in losses a state keeps a mean of. */
  private static final int LOSSES = GAMMA_DEVIANCE + 1;
  /** The losses a state of format version 2 or older kept; those after them read as undefined. */
  private static final int LOSSES_OF_VERSION_2 = 5;

  private static final SquaredError SQUARED_ERROR = new SquaredError();
  private static final AbsoluteError ABSOLUTE_ERROR = new AbsoluteError();
  private static final AbsolutePercentageError PERCENTAGE_ERROR = new AbsolutePercentageError();
  private static final LogCoshLoss LOG_COSH_LOSS = new LogCoshLoss();
  private static final SquaredLogError SQUARED_LOG_ERROR = new SquaredLogError();
  private static final PoissonLoss POISSON_LOSS = new PoissonLoss();
  private static final PoissonDeviance POISSON_DEVIANCE_LOSS = new PoissonDeviance();
  private static final GammaDeviance GAMMA_DEVIANCE_LOSS = new GammaDeviance();

  private final RegressionSettings settings;
  private final HuberLoss huber;
  private final Expression[] custom;
  private SameRowMeans customMeans;
  private final CustomStates customStates;
  private RowCounts rows = new RowCounts();
  private SameRowMeans means = new SameRowMeans(LOSSES);
  private WeightedMoments label = new WeightedMoments();
  private WeightedMoments residual = new WeightedMoments();
  private double maxError;
  private AbsoluteErrorSketch absoluteErrors = new AbsoluteErrorSketch();

  /** An empty state with these settings. */
  public RegressionState(RegressionSettings settings) {
    this.settings = settings;
    this.huber = new HuberLoss(settings.huberDelta());
    this.custom = settings.custom().expressions();
    this.customMeans = new SameRowMeans(custom.length);
    this.customStates = new CustomStates(settings.custom().classes());
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
    // each loss called by its own class, so that the compiler inlines it (a loop over them would not)
    means.add(SQUARED, SQUARED_ERROR.value(t, p), w);
    means.add(ABSOLUTE, ABSOLUTE_ERROR.value(t, p), w);
    means.add(PERCENTAGE, PERCENTAGE_ERROR.value(t, p), w);
    means.add(HUBER, huber.value(t, p), w);
    means.add(LOG_COSH, LOG_COSH_LOSS.value(t, p), w);
    means.add(SQUARED_LOG, SQUARED_LOG_ERROR.value(t, p), w);
    means.add(POISSON, POISSON_LOSS.value(t, p), w);
    means.add(POISSON_DEVIANCE, POISSON_DEVIANCE_LOSS.value(t, p), w);
    means.add(GAMMA_DEVIANCE, GAMMA_DEVIANCE_LOSS.value(t, p), w);
    means.addRow(w);
    for (int i = 0; i < custom.length; i++) {
      customMeans.add(i, custom[i].value(t, p, w), w);
    }
    customMeans.addRow(w);
    customStates.update(t, p, w);
    label.update(t, w);
    residual.update(t - p, w);
    double error = Math.abs(t - p);
    if (w > 0.0) { // a row of weight 0 is no row, whose error is not the largest of the rows
      maxError = Math.max(maxError, error);
    }
    absoluteErrors.update(error, w);
  }

  private static String finiteProblem(String role, double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? role + " is null, NaN or infinite" : null;
  }

  @Override
  public void merge(RegressionState other) {
    settings.requireSame(other.settings);
    rows.merge(other.rows);
    means.merge(other.means);
    customMeans.merge(other.customMeans);
    customStates.merge(other.customStates);
    label.merge(other.label);
    residual.merge(other.residual);
    maxError = Math.max(maxError, other.maxError);
    absoluteErrors.merge(other.absoluteErrors);
  }

  @Override
  public RegressionSettings settings() {
    return settings;
  }

  @Override
  public double evaluatedWeight() {
    return label.weight();
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    boolean undefined = Catalogue.undefined(rows.evaluatedRows(), label.weight());
    Map<String, Double> metrics = RegressionCatalogue.CATALOGUE.values(settings, view(), undefined);
    for (int i = 0; i < custom.length; i++) {
      metrics.put(settings.custom().names().get(i), undefined ? Double.NaN : customMeans.mean(i));
    }
    customStates.putValues(metrics, undefined);
    return metrics;
  }

  /** A read-only view of the merged sums and moments. */
  public RegressionView view() {
    return new RegressionView(settings, label.weight(), rows.evaluatedRows(), means.mean(SQUARED),
        means.mean(ABSOLUTE), means.mean(PERCENTAGE), means.mean(HUBER), means.mean(LOG_COSH),
        means.mean(SQUARED_LOG), means.mean(POISSON), means.mean(POISSON_DEVIANCE), means.mean(GAMMA_DEVIANCE),
        means.total(SQUARED), label.squaredDeviations(), residual.squaredDeviations(), maxError,
        absoluteErrors.median());
  }

  @Override
  public Details details() {
    return new Details.None();
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('R', out -> {
      out.writeDouble(settings.huberDelta());
      settings.custom().writeTo(out);
      rows.writeTo(out);
      means.writeTo(out);
      label.writeTo(out);
      residual.writeTo(out);
      out.writeDouble(maxError);
      customMeans.writeTo(out);
      customStates.writeTo(out);
      absoluteErrors.writeTo(out);
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static RegressionState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'R', "regression state", RegressionState::readBody);
  }

  private static RegressionState readBody(DataInput in, int version) throws IOException {
    double delta = in.readDouble();
    RegressionState s = new RegressionState(new RegressionSettings(delta,
        version <= 2 ? CustomMetrics.NONE : CustomMetrics.readFrom(in)));
    s.rows = RowCounts.readFrom(in);
    s.means = SameRowMeans.readFrom(in, LOSSES, version <= 2 ? LOSSES_OF_VERSION_2 : LOSSES);
    s.label = WeightedMoments.readFrom(in);
    s.residual = WeightedMoments.readFrom(in);
    s.maxError = in.readDouble();
    s.customMeans = SameRowMeans.readFrom(in, s.custom.length, s.custom.length);
    s.customStates.readFrom(in);
    s.absoluteErrors = version <= 4 ? AbsoluteErrorSketch.unknown() : AbsoluteErrorSketch.readFrom(in, version);
    return s;
  }

}
