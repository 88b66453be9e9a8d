package io.evalspark.spark;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MulticlassSettings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * The evaluation aggregators as untyped aggregate functions over columns: each returns the merged
 * state's byte form, so they work in {@code agg(...)}, with {@code groupBy}, and in SQL.
 */
public final class EvaluationFunctions {
  private EvaluationFunctions() {}

  /** The binary state of (label, score, weight), all castable to double. */
  public static Column binaryState(BinarySettings settings, Column label, Column score, Column weight) {
    return binary(settings).apply(label, score, weight);
  }

  /** The regression state of (label, prediction, weight). */
  public static Column regressionState(double huberDelta, Column label, Column prediction, Column weight) {
    return regression(huberDelta).apply(label, prediction, weight);
  }

  /** The multiclass state of (label, prediction, probabilities as array of double, weight). */
  public static Column multiclassState(
      MulticlassSettings settings, Column label, Column prediction, Column probabilities, Column weight) {
    return multiclass(settings).apply(label, prediction, probabilities, weight);
  }

  /** The binary aggregate function, for registration under a name. */
  public static UserDefinedFunction binary(BinarySettings settings) {
    return functions.udaf(new BinaryAggregator(settings), threeDoubles());
  }

  /** The regression aggregate function. */
  public static UserDefinedFunction regression(double huberDelta) {
    return functions.udaf(new RegressionAggregator(huberDelta), threeDoubles());
  }

  /** The multiclass aggregate function; its inputs are label, prediction, probabilities, weight. */
  public static UserDefinedFunction multiclass(MulticlassSettings settings) {
    return functions.udaf(new MulticlassAggregator(settings), Encoders.bean(MulticlassRow.class));
  }

  private static org.apache.spark.sql.Encoder<scala.Tuple3<Double, Double, Double>> threeDoubles() {
    return Encoders.tuple(Encoders.DOUBLE(), Encoders.DOUBLE(), Encoders.DOUBLE());
  }
}
