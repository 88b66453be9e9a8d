package io.evalspark.sql;

import io.evalspark.loss.FocalLoss;
import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryView;
import io.evalspark.metrics.CustomMetrics;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.OperatingPoints;
import io.evalspark.metrics.Metric;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.RankedListsSettings;
import io.evalspark.metrics.RegressionCatalogue;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.RegressionView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;

/**
 * The evaluation functions of SQL: every metric family as an aggregate function over the same
 * states as the evaluate job. Install them in every session with {@code
 * spark.sql.extensions=io.evalspark.sql.EvalsparkExtensions}, or in one session with {@link
 * #registerAll(SparkSession)}. Rows that cannot be evaluated (a null label, a score outside [0, 1])
 * are left out, as SQL aggregates leave out nulls; {@code *_metrics} count them in {@code
 * invalid_rows}. Undefined metrics are NULL.
 */
public final class SqlFunctions {
  private static final String MEAN_OF = "mean_of";

  private SqlFunctions() {}

  /** One SQL function: its parameters and how a call becomes an aggregate. */
  private record Definition(String name, Parameters parameters, String description,
      Function<Parameters.Call, StateInputs> inputs, Function<Parameters.Call, StateOutput> output) {
    Definition(String name, Parameters parameters, String description, Function<Parameters.Call, StateInputs> inputs,
        StateOutput output) {
      this(name, parameters, description, inputs, call -> output);
    }

    Expression build(List<Expression> arguments) {
      Parameters.Call call = parameters.split(arguments);
      StateInputs in = null;
      StateOutput out = null;
      String problem = call.problem;
      if (problem == null) {
        try {
          in = inputs.apply(call);
          out = output.apply(call);
        } catch (IllegalArgumentException e) {
          problem = name + ": " + e.getMessage();
          in = null;
        }
      }
      if (in == null) { // the problem fails the call's type check
        in = new BinaryInputs(BinarySettings.defaults(), false);
        out = new StateOutput.Bytes();
      }
      return new EvaluationAggregate(name, parameters.signature(), in, out, call.columns, problem);
    }

    ExpressionInfo info() {
      return new ExpressionInfo(EvaluationAggregate.class.getName(), null, name,
          parameters.signature() + " - " + description, "");
    }
  }

  /** Every function, in the order the README lists them; one per catalogue metric marked as a SQL function. */
  private static List<Definition> definitions() {
    List<Definition> all = new ArrayList<>();
    for (Metric<BinarySettings, BinaryView> metric : BinaryCatalogue.CATALOGUE.all()) {
      if (metric.sqlFunction()) {
        String name = metric.name();
        boolean focal = metric == BinaryCatalogue.FOCAL_LOSS;
        Parameters parameters = focal ? binary(name).optionalConstant("gamma").optionalConstant("alpha") : binary(name);
        all.add(new Definition(name, parameters.optionalColumn("weight"),
            focal ? "the mean focal loss with the given gamma (default 2.0) and class balancing alpha (default NaN:"
                + " none), as Keras's BinaryFocalCrossentropy"
                : "the binary " + name + " of labels 0/1 and positive-class probabilities",
            call -> new BinaryInputs(BinarySettings.defaults().focal(call.constant("gamma", FocalLoss.DEFAULT_GAMMA),
                call.constant("alpha", Double.NaN)), call.has("weight")),
            new StateOutput.Metric(name)));
      }
    }
    for (String kind : List.of("precision_at_recall", "recall_at_precision", "sensitivity_at_specificity",
        "specificity_at_sensitivity")) {
      String target = kind.substring(kind.lastIndexOf('_') + 1);
      all.add(new Definition(kind, binary(kind).constant(target).optionalColumn("weight"),
          "the binary " + kind.replace('_', ' ') + " " + target + ": the best over thresholds where the " + target
              + " is at least that",
          call -> new BinaryInputs(BinarySettings.defaults().at(
              OperatingPoints.Targets.only(OperatingPoints.Targets.KINDS.indexOf(target), call.constant(target, Double.NaN))),
              call.has("weight")),
          new StateOutput.OperatingPoint(kind)));
    }
    all.add(new Definition("binary_metrics",
        binary("binary_metrics").optionalConstant("threshold").optionalColumn("weight").optionalConstant("beta"),
        "a struct of every binary metric at the threshold (default 0.5), with fbeta where a beta is given",
        call -> new BinaryInputs(binarySettings(call.constant("threshold", 0.5),
            call.has("beta") ? BinarySettings.given(call.constant("beta", Double.NaN), BinarySettings.BETA_RULE) : Double.NaN, 200),
            call.has("weight")),
        new StateOutput.Metrics()));
    all.add(new Definition("roc_auc_ci", binary("roc_auc_ci").optionalConstant("level").optionalColumn("weight"),
        "struct(value, lower, upper, stderr): the binary roc_auc with its interval at the level (default 0.95),"
            + " from the same pass",
        call -> new IntervalInputs(new BinaryInputs(BinarySettings.defaults(), call.has("weight")), false),
        call -> new StateOutput.MetricInterval("roc_auc", level(call))));
    all.add(new Definition("binary_metrics_ci", binary("binary_metrics_ci").optionalConstant("level")
        .optionalColumn("weight"),
        "a struct of every binary metric at threshold 0.5, each a struct(value, lower, upper, stderr) at the level"
            + " (default 0.95)",
        call -> new IntervalInputs(new BinaryInputs(BinarySettings.defaults(), call.has("weight")), false),
        call -> new StateOutput.MetricIntervals(level(call))));
    for (StateOutput.CurvePoints curve : List.of(StateOutput.CurvePoints.ROC, StateOutput.CurvePoints.PR)) {
      String name = curve.stem() + "_curve";
      all.add(new Definition(name, binary(name).optionalConstant("points").optionalColumn("weight"),
          "the " + curve.name() + " curve as an array of points (at most points, default 200)",
          call -> new BinaryInputs(binarySettings(0.5, Double.NaN, wholeNumber(call.constant("points", 200), "points")),
              call.has("weight")),
          curve));
    }
    for (Metric<RegressionSettings, RegressionView> metric : RegressionCatalogue.CATALOGUE.all()) {
      if (!metric.sqlFunction()) {
        continue;
      }
      String name = metric.name();
      Parameters parameters = regression(name);
      boolean huber = metric == RegressionCatalogue.HUBER;
      if (huber) {
        parameters = parameters.optionalConstant("delta");
      }
      all.add(new Definition(name, parameters.optionalColumn("weight"),
          huber ? "the mean Huber loss with the given delta (default 1.0)" : "the regression " + name,
          call -> new RegressionInputs(new RegressionSettings(
              huber ? call.constant("delta", RegressionSettings.DEFAULT_HUBER_DELTA) : RegressionSettings.DEFAULT_HUBER_DELTA),
              call.has("weight")),
          new StateOutput.Metric(name)));
    }
    all.add(new Definition(MEAN_OF, new Parameters(MEAN_OF).text("formula").column("label").column("prediction")
        .optionalColumn("weight"),
        "the weighted mean of a formula over y (the label), p (the prediction or score, as given) and w (the weight),"
            + " for example mean_of('abs(y - p) * 1000', label, score)",
        call -> new RegressionInputs(new RegressionSettings(RegressionSettings.DEFAULT_HUBER_DELTA,
            new CustomMetrics(List.of(MEAN_OF), List.of(call.texts.get("formula")))), call.has("weight")),
        new StateOutput.Metric(MEAN_OF)));
    all.add(new Definition("regression_metrics", regression("regression_metrics").optionalColumn("weight"),
        "a struct of every regression metric",
        call -> new RegressionInputs(RegressionSettings.defaults(), call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("multiclass_metrics", multiclass("multiclass_metrics").optionalConstant("top_k"),
        "a struct of every multiclass metric; the prediction is a class index or an array of class probabilities,"
            + " with top_K_accuracy where K is given",
        call -> new MulticlassInputs(null, call.has("top_k") ? wholeNumber(call.constant("top_k", 0), "top_k", 1) : 0,
            call.has("weight")),
        new StateOutput.Metrics()));
    all.add(new Definition("multilabel_metrics", new Parameters("multilabel_metrics").column("labels")
        .column("predictions").optionalColumn("weight"),
        "a struct of every multilabel metric of two arrays of label numbers a row, the true labels and the predicted"
            + " ones (as Spark MLlib's MultilabelMetrics reads them)",
        call -> new MultilabelInputs(MultilabelSettings.arrays(), 0, call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("multilabel_score_metrics", new Parameters("multilabel_score_metrics").column("labels")
        .column("scores").optionalConstant("threshold").optionalColumn("weight"),
        "a struct of every multilabel metric of an array of 0/1 indicators and an array of scores a row, one of each"
            + " per label; a label is predicted iff its score is at least the threshold (default 0.5)",
        call -> new MultilabelInputs(MultilabelSettings.indicators(List.of(), call.constant("threshold",
            MultilabelSettings.DEFAULT_THRESHOLD)), 0, call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("ranking_metrics", new Parameters("ranking_metrics").column("relevant").column("predicted")
        .optionalConstant("k").optionalColumn("weight"),
        "a struct of every ranking metric of a query's relevant items and its predicted items (best first), two"
            + " arrays of item ids (both of numbers or both of strings) a row, at the cut-off k (default 10)",
        call -> new RankedListsInputs(new RankedListsSettings(List.of(wholeNumber(call.constant("k",
            RankedListsSettings.DEFAULT_K), "k", 1))), call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("confusion_matrix", multiclass("confusion_matrix"),
        "the confusion matrix as an array of (label, prediction, count) cells",
        call -> new MulticlassInputs(null, 0, call.has("weight")), new StateOutput.ConfusionCells()));
    return all;
  }

  /** A call's confidence level, {@link Intervals#DEFAULT_LEVEL} unless it gives one. */
  private static double level(Parameters.Call call) {
    return Intervals.requireLevel(call.constant("level", Intervals.DEFAULT_LEVEL));
  }

  private static Parameters binary(String name) {
    return new Parameters(name).column("label").column("score");
  }

  private static Parameters regression(String name) {
    return new Parameters(name).column("label").column("prediction");
  }

  private static Parameters multiclass(String name) {
    return new Parameters(name).column("label").column("prediction").optionalColumn("weight");
  }

  private static BinarySettings binarySettings(double threshold, double beta, int curvePoints) {
    BinarySettings d = BinarySettings.defaults();
    return new BinarySettings(threshold, d.fromLogits(), d.bins(), beta, curvePoints);
  }

  private static int wholeNumber(double value, String name) {
    return wholeNumber(value, name, 2);
  }

  private static int wholeNumber(double value, String name, int least) {
    if (value != Math.rint(value) || value < least || value > 100_000) {
      throw new IllegalArgumentException(name + " must be a whole number from " + least + " to 100000, got " + value);
    }
    return (int) value;
  }

  /** Registers every function in this session (from Java, or from a Zeppelin %spark paragraph). */
  public static void registerAll(SparkSession spark) {
    for (Definition d : definitions()) {
      spark.sessionState().functionRegistry().registerFunction(
          new FunctionIdentifier(d.name()), d.info(), CatalystAggregate.builder(d::build));
    }
  }

  /** Adds every function to the sessions these extensions build. */
  static void inject(SparkSessionExtensions extensions) {
    for (Definition d : definitions()) {
      extensions.injectFunction(new Tuple3<>(new FunctionIdentifier(d.name()), d.info(), CatalystAggregate.builder(d::build)));
    }
  }
}
