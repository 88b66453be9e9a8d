package io.evalspark.spark;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MulticlassSettings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The evaluation aggregators as untyped aggregate functions over columns: each returns the merged
 * state's byte form, so they work in {@code agg(...)}, with {@code groupBy}, and in SQL.
 */
public final class EvaluationFunctions {
  private EvaluationFunctions() {}

  /** The binary state of (label, score, weight), all castable to double; a null weight column weighs rows 1. */
  public static Column binaryState(BinarySettings settings, Column label, Column score, Column weight) {
    return binary(settings, weight != null).apply(label, score, orNullDouble(weight));
  }

  /** The regression state of (label, prediction, weight); a null weight column weighs rows 1. */
  public static Column regressionState(double huberDelta, Column label, Column prediction, Column weight) {
    return regression(huberDelta, weight != null).apply(label, prediction, orNullDouble(weight));
  }

  /** The multiclass state of (label, prediction, probabilities as array of double, weight); a null weight column weighs rows 1. */
  public static Column multiclassState(
      MulticlassSettings settings, Column label, Column prediction, Column probabilities, Column weight) {
    return multiclass(settings, weight != null).apply(label, prediction, probabilities, orNullDouble(weight));
  }

  /** The binary aggregate function of (label, score, weight), for registration under a name. */
  public static UserDefinedFunction binary(BinarySettings settings, boolean weighted) {
    return functions.udaf(new BinaryAggregator(settings, weighted), threeDoubles());
  }

  /** The regression aggregate function of (label, prediction, weight). */
  public static UserDefinedFunction regression(double huberDelta, boolean weighted) {
    return functions.udaf(new RegressionAggregator(huberDelta, weighted), threeDoubles());
  }

  /** The multiclass aggregate function; its inputs are label, prediction, probabilities, weight. */
  public static UserDefinedFunction multiclass(MulticlassSettings settings, boolean weighted) {
    return functions.udaf(new MulticlassAggregator(settings, weighted), Encoders.bean(MulticlassRow.class));
  }

  /** A null literal costs no allocation per row, unlike a literal 1.0 that every row would box. */
  private static Column orNullDouble(Column weight) {
    return weight != null ? weight : functions.lit(null).cast(DataTypes.DoubleType);
  }

  private static org.apache.spark.sql.Encoder<scala.Tuple3<Double, Double, Double>> threeDoubles() {
    return Encoders.tuple(Encoders.DOUBLE(), Encoders.DOUBLE(), Encoders.DOUBLE());
  }
}
