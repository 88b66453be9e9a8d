package io.evalspark.metrics;

import static io.evalspark.metrics.Metric.larger;
import static io.evalspark.metrics.Metric.smaller;

import io.evalspark.core.Task;
import io.evalspark.metrics.Metric.Family;
import java.util.List;

/**
 * Every regression metric: name, direction, family and formula, as scikit-learn's regression
 * metrics define them (https://scikit-learn.org/stable/modules/model_evaluation.html). r2 and
 * explained variance of a constant label are 1 for a perfect prediction and 0 otherwise, as
 * scikit-learn's {@code force_finite}.
 */
public final class RegressionCatalogue {
  /** Mean squared error. */
  public static final Metric<RegressionSettings, RegressionView> MSE = Metric.<RegressionSettings, RegressionView>smaller(
      "mse", Family.ERROR, RegressionView::meanSquaredError)
      .alsoKnownAs("mean_squared_error", "MeanSquaredError").withSqlFunction();
  /** Root mean squared error. */
  public static final Metric<RegressionSettings, RegressionView> RMSE = Metric.<RegressionSettings, RegressionView>smaller(
      "rmse", Family.ERROR, v -> Math.sqrt(v.meanSquaredError()))
      .alsoKnownAs("root_mean_squared_error", "RootMeanSquaredError").withSqlFunction();
  /** Mean absolute error. */
  public static final Metric<RegressionSettings, RegressionView> MAE = Metric.<RegressionSettings, RegressionView>smaller(
      "mae", Family.ERROR, RegressionView::meanAbsoluteError)
      .alsoKnownAs("mean_absolute_error", "MeanAbsoluteError").withSqlFunction();
  /** Coefficient of determination; undefined of fewer than two rows, as scikit-learn's. */
  public static final Metric<RegressionSettings, RegressionView> R2 = Metric.<RegressionSettings, RegressionView>larger(
      "r2", Family.FIT, v -> v.weight() == 0.0 || v.rows() < 2 ? Double.NaN
          : oneMinusRatio(v.squaredErrors(), v.labelDeviations()))
      .alsoKnownAs("r2_score", "R2Score").withSqlFunction();
  /** Explained variance. */
  public static final Metric<RegressionSettings, RegressionView> EXPLAINED_VARIANCE = larger(
      "explained_variance", Family.FIT,
      v -> v.weight() == 0.0 ? Double.NaN : oneMinusRatio(v.residualDeviations(), v.labelDeviations()));
  /** Mean absolute percentage error. */
  public static final Metric<RegressionSettings, RegressionView> MAPE = smaller(
      "mape", Family.ERROR, RegressionView::meanAbsolutePercentageError);
  /** The largest absolute error. */
  public static final Metric<RegressionSettings, RegressionView> MAX_ERROR = smaller(
      "max_error", Family.ERROR, RegressionView::maxError);
  /**
   * The median absolute error, from a sketch: exact up to {@link AbsoluteErrorSketch#EXACT_UP_TO}
   * rows, beyond within {@link AbsoluteErrorSketch#RELATIVE_ERROR} of its value; undefined where a
   * weight is not a whole number.
   */
  public static final Metric<RegressionSettings, RegressionView> MEDIAN_ABSOLUTE_ERROR =
      Metric.<RegressionSettings, RegressionView>smaller("median_absolute_error", Family.ERROR,
          RegressionView::medianAbsoluteError).withSqlFunction();
  /** Mean Huber loss with the evaluation's delta; also a SQL function that takes the delta. */
  public static final Metric<RegressionSettings, RegressionView> HUBER = Metric.<RegressionSettings, RegressionView>smaller(
      "huber", Family.ERROR, RegressionView::meanHuber).withSqlFunction();
  /** Mean log-cosh loss. */
  public static final Metric<RegressionSettings, RegressionView> LOG_COSH =
      Metric.<RegressionSettings, RegressionView>smaller("log_cosh", Family.ERROR, RegressionView::meanLogCosh)
          .alsoKnownAs("logcosh", "LogCoshError");

  /** Mean squared logarithmic error; undefined where a label or prediction is at or below -1. */
  public static final Metric<RegressionSettings, RegressionView> MSLE = Metric.<RegressionSettings, RegressionView>smaller(
      "msle", Family.ERROR, RegressionView::meanSquaredLogError)
      .alsoKnownAs("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError").withSqlFunction();
  /** Keras's Poisson loss, p - y log(p + 1e-7), for counts under a predicted rate. */
  public static final Metric<RegressionSettings, RegressionView> POISSON = Metric.<RegressionSettings, RegressionView>smaller(
      "poisson", Family.ERROR, RegressionView::meanPoisson).alsoKnownAs("Poisson").withSqlFunction();
  /** Mean Poisson deviance; undefined where a label is negative or a prediction not positive. */
  public static final Metric<RegressionSettings, RegressionView> MEAN_POISSON_DEVIANCE =
      Metric.<RegressionSettings, RegressionView>smaller("mean_poisson_deviance", Family.ERROR,
          RegressionView::meanPoissonDeviance).withSqlFunction();
  /** Mean Gamma deviance; undefined where a label or prediction is not positive. */
  public static final Metric<RegressionSettings, RegressionView> MEAN_GAMMA_DEVIANCE =
      Metric.<RegressionSettings, RegressionView>smaller("mean_gamma_deviance", Family.ERROR,
          RegressionView::meanGammaDeviance).withSqlFunction();

  /** The regression metrics in report order. */
  public static final Catalogue<RegressionSettings, RegressionView> CATALOGUE = new Catalogue<>(Task.REGRESSION,
      List.of(MSE, RMSE, MAE, R2, EXPLAINED_VARIANCE, MAPE, MAX_ERROR, MEDIAN_ABSOLUTE_ERROR, HUBER, LOG_COSH,
          MSLE, POISSON, MEAN_POISSON_DEVIANCE, MEAN_GAMMA_DEVIANCE),
      List.of(RMSE, MAE, R2));

  private RegressionCatalogue() {}

  private static double oneMinusRatio(double numerator, double denominator) {
    if (denominator == 0.0) {
      return numerator == 0.0 ? 1.0 : 0.0;
    }
    return 1.0 - numerator / denominator;
  }
}
