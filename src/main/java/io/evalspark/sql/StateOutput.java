package io.evalspark.sql;

import io.evalspark.metrics.BinaryDetails;
import io.evalspark.metrics.Curve;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassDetails;
import io.evalspark.metrics.RowCounts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What an evaluation function returns from its merged state, as a Spark value. Undefined metrics
 * (NaN, for example the AUC of rows of one class) come back as SQL NULL.
 */
interface StateOutput extends Serializable {
  /** The result type; {@code empty} is an empty state of the function's settings. */
  DataType dataType(EvaluationState<?> empty);

  /** The result of a merged state, in Spark's internal form. */
  Object value(EvaluationState<?> state);

  /** The state's byte form, for the evaluate job to merge slices on the driver. */
  record Bytes() implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return DataTypes.BinaryType;
    }

    @Override
    public Object value(EvaluationState<?> state) {
      return state.toByteArray();
    }
  }

  /** One metric by its report name. */
  record Metric(String name) implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return DataTypes.DoubleType;
    }

    @Override
    public Object value(EvaluationState<?> state) {
      return orNull(state.metrics().get(name));
    }
  }

  /**
   * An operating point of a binary state whose settings have its target ({@code
   * precision_at_recall} reads {@code precision_at_recall_0.9} when the target is 0.9).
   */
  record OperatingPoint(String kind) implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return DataTypes.DoubleType;
    }

    @Override
    public Object value(EvaluationState<?> state) {
      for (Map.Entry<String, Double> m : state.metrics().entrySet()) {
        if (m.getKey().startsWith(kind + "_")) {
          return orNull(m.getValue());
        }
      }
      return null;
    }
  }

  /** One metric with its interval at {@code level}: struct(value, lower, upper, stderr). */
  record MetricInterval(String name, double level) implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return intervalType();
    }

    @Override
    public Object value(EvaluationState<?> state) {
      return interval(((IntervalState) state).intervals(level).metrics().get(name));
    }
  }

  /** Every metric of the task with its interval at {@code level}, after the counts of evaluated and invalid rows. */
  record MetricIntervals(double level) implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return countsAndMetrics(empty, intervalType(), false);
    }

    @Override
    public Object value(EvaluationState<?> state) {
      List<Object> values = new ArrayList<>();
      ((IntervalState) state).intervals(level).metrics().values().forEach(i -> values.add(interval(i)));
      return countsAnd(state.rowCounts(), values);
    }
  }

  private static StructType intervalType() {
    List<StructField> fields = new ArrayList<>();
    for (String part : List.of("value", "lower", "upper", "stderr")) {
      fields.add(DataTypes.createStructField(part, DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }

  private static Object interval(Intervals.Interval i) {
    return new GenericInternalRow(new Object[] {orNull(i.value()), orNull(i.lower()), orNull(i.upper()),
        orNull(i.stderr())});
  }

  /** Every metric of the task, after the counts of evaluated and invalid rows. */
  record Metrics() implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      return countsAndMetrics(empty, DataTypes.DoubleType, true);
    }

    @Override
    public Object value(EvaluationState<?> state) {
      List<Object> values = new ArrayList<>();
      state.metrics().values().forEach(v -> values.add(orNull(v)));
      return countsAnd(state.rowCounts(), values);
    }
  }

  /** A struct of evaluated_rows, invalid_rows, then a field of {@code type} per metric of {@code empty}'s task. */
  private static StructType countsAndMetrics(EvaluationState<?> empty, DataType type, boolean nullable) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("evaluated_rows", DataTypes.LongType, false));
    fields.add(DataTypes.createStructField("invalid_rows", DataTypes.LongType, false));
    for (String name : empty.metrics().keySet()) {
      fields.add(DataTypes.createStructField(name, type, nullable));
    }
    return DataTypes.createStructType(fields);
  }

  private static Object countsAnd(RowCounts rows, List<Object> metrics) {
    List<Object> values = new ArrayList<>(List.of(rows.evaluatedRows(), rows.invalidRows()));
    values.addAll(metrics);
    return new GenericInternalRow(values.toArray());
  }

  /** A curve of the binary details as an array of points, each a struct of the curve's columns. */
  enum CurvePoints implements StateOutput {
    /** The ROC curve. */
    ROC(BinaryDetails::roc),
    /** The precision-recall curve. */
    PR(BinaryDetails::precisionRecall);

    private final SerializableFunction<BinaryDetails, Curve> curve;

    CurvePoints(SerializableFunction<BinaryDetails, Curve> curve) {
      this.curve = curve;
    }

    /** The function's name stem: roc or pr. */
    String stem() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public DataType dataType(EvaluationState<?> empty) {
      List<StructField> fields = new ArrayList<>();
      for (String column : curveOf(empty).columns().keySet()) {
        fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, true));
      }
      return DataTypes.createArrayType(DataTypes.createStructType(fields), false);
    }

    @Override
    public Object value(EvaluationState<?> state) {
      List<double[]> columns = new ArrayList<>(curveOf(state).columns().values());
      Object[] points = new Object[columns.get(0).length];
      for (int p = 0; p < points.length; p++) {
        Object[] point = new Object[columns.size()];
        for (int c = 0; c < point.length; c++) {
          point[c] = orNull(columns.get(c)[p]);
        }
        points[p] = new GenericInternalRow(point);
      }
      return new GenericArrayData(points);
    }

    private Curve curveOf(EvaluationState<?> state) {
      return curve.apply((BinaryDetails) state.details());
    }
  }

  /** A function that travels with the aggregate to executors. */
  interface SerializableFunction<A, B> extends java.util.function.Function<A, B>, Serializable {}

  /** The confusion matrix as one struct per cell, (label, prediction, count), in row-major order. */
  record ConfusionCells() implements StateOutput {
    @Override
    public DataType dataType(EvaluationState<?> empty) {
      StructType cell = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("label", DataTypes.IntegerType, false),
        DataTypes.createStructField("prediction", DataTypes.IntegerType, false),
        DataTypes.createStructField("count", DataTypes.DoubleType, false),
      });
      return DataTypes.createArrayType(cell, false);
    }

    @Override
    public Object value(EvaluationState<?> state) {
      double[][] matrix = ((MulticlassDetails) state.details()).confusionMatrix();
      List<Object> cells = new ArrayList<>();
      for (int label = 0; label < matrix.length; label++) {
        for (int predicted = 0; predicted < matrix.length; predicted++) {
          cells.add(new GenericInternalRow(new Object[] {label, predicted, matrix[label][predicted]}));
        }
      }
      return new GenericArrayData(cells.toArray());
    }
  }

  private static Double orNull(Double v) {
    return v == null || v.isNaN() ? null : v;
  }
}
