package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
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
  private SqlFunctions() {}

  /** One SQL function: its parameters and how a call becomes an aggregate. */
  private record Definition(String name, Parameters parameters, String description,
      Function<Parameters.Call, StateInputs> inputs, StateOutput output) {
    Expression build(List<Expression> arguments) {
      Parameters.Call call = parameters.split(arguments);
      StateInputs in = null;
      String problem = call.problem;
      if (problem == null) {
        try {
          in = inputs.apply(call);
        } catch (IllegalArgumentException e) {
          problem = name + ": " + e.getMessage();
        }
      }
      if (in == null) {
        in = new BinaryInputs(BinarySettings.defaults(), false);
      }
      return new EvaluationAggregate(name, parameters.signature(), in, output, call.columns, problem);
    }

    ExpressionInfo info() {
      return new ExpressionInfo(EvaluationAggregate.class.getName(), null, name,
          parameters.signature() + " - " + description, "");
    }
  }

  /** Every function, in the order the README lists them. */
  private static List<Definition> definitions() {
    List<Definition> all = new ArrayList<>();
    for (String metric : List.of("roc_auc", "pr_auc", "average_precision", "log_loss", "brier", "ece")) {
      all.add(new Definition(metric, binary(metric).optionalColumn("weight"),
          "the binary " + metric + " of labels 0/1 and positive-class probabilities",
          call -> new BinaryInputs(BinarySettings.defaults(), call.has("weight")), new StateOutput.Metric(metric)));
    }
    all.add(new Definition("binary_metrics",
        binary("binary_metrics").optionalConstant("threshold").optionalColumn("weight"),
        "a struct of every binary metric at the threshold (default 0.5)",
        call -> new BinaryInputs(binarySettings(call.constant("threshold", 0.5), 200), call.has("weight")),
        new StateOutput.Metrics()));
    for (String curve : List.of("roc", "pr")) {
      String name = curve + "_curve";
      all.add(new Definition(name, binary(name).optionalConstant("points").optionalColumn("weight"),
          "the " + curve.toUpperCase() + " curve as an array of points (at most points, default 200)",
          call -> new BinaryInputs(binarySettings(0.5, wholeNumber(call.constant("points", 200), "points")),
              call.has("weight")),
          new StateOutput.CurvePoints(curve)));
    }
    for (String metric : List.of("mse", "rmse", "mae", "r2")) {
      all.add(new Definition(metric, regression(metric).optionalColumn("weight"), "the regression " + metric,
          call -> new RegressionInputs(1.0, call.has("weight")), new StateOutput.Metric(metric)));
    }
    all.add(new Definition("huber", regression("huber").optionalConstant("delta").optionalColumn("weight"),
        "the mean Huber loss with the given delta (default 1.0)",
        call -> new RegressionInputs(call.constant("delta", 1.0), call.has("weight")),
        new StateOutput.Metric("huber")));
    all.add(new Definition("regression_metrics", regression("regression_metrics").optionalColumn("weight"),
        "a struct of every regression metric",
        call -> new RegressionInputs(1.0, call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("multiclass_metrics", multiclass("multiclass_metrics"),
        "a struct of every multiclass metric; the prediction is a class index or an array of class probabilities",
        call -> new MulticlassInputs(null, call.has("weight")), new StateOutput.Metrics()));
    all.add(new Definition("confusion_matrix", multiclass("confusion_matrix"),
        "the confusion matrix as an array of (label, prediction, count) cells",
        call -> new MulticlassInputs(null, call.has("weight")), new StateOutput.ConfusionCells()));
    return all;
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

  private static BinarySettings binarySettings(double threshold, int curvePoints) {
    BinarySettings d = BinarySettings.defaults();
    return new BinarySettings(threshold, d.fromLogits(), d.bins(), d.beta(), curvePoints);
  }

  private static int wholeNumber(double value, String name) {
    if (value != Math.rint(value) || value < 2 || value > 100_000) {
      throw new IllegalArgumentException(name + " must be a whole number from 2 to 100000, got " + value);
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
