package io.evalspark.history;

import io.evalspark.job.EvaluationSpec;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.RowCounts;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows one run adds to the history: one per evaluation, model, window, slice and metric, with
 * the slice's row counts; and, where states are kept, one per evaluation, model and slice with the
 * slice's serialised state. {@code run_id} names the run that wrote the row (null for rows of a
 * converted Parquet history); {@code stderr}, {@code lower} and {@code upper} are the metric's
 * standard error and interval at the run's {@code --confidence} (null without one, and in rows
 * written before they were recorded); {@code run_date} is the partition column and comes last.
 */
public final class HistoryRecord {
  /** The metric rows' columns. */
  public static final StructType METRICS = new StructType()
      .add("evaluation", DataTypes.StringType, false)
      .add("model", DataTypes.StringType, false)
      .add("window_days", DataTypes.IntegerType, false)
      .add("days", DataTypes.IntegerType, false)
      .add("slice", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("rows", DataTypes.LongType, false)
      .add("evaluated_rows", DataTypes.LongType, false)
      .add("invalid_rows", DataTypes.LongType, false)
      .add("recorded_at", DataTypes.TimestampType, false)
      .add("run_id", DataTypes.StringType, true)
      .add("stderr", DataTypes.DoubleType, true)
      .add("lower", DataTypes.DoubleType, true)
      .add("upper", DataTypes.DoubleType, true)
      .add("run_date", DataTypes.DateType, false);

  /** The stored states' columns. */
  public static final StructType STATES = new StructType()
      .add("evaluation", DataTypes.StringType, false)
      .add("model", DataTypes.StringType, false)
      .add("slice", DataTypes.StringType, false)
      .add("state", DataTypes.BinaryType, false)
      .add("run_id", DataTypes.StringType, true)
      .add("run_date", DataTypes.DateType, false);

  private HistoryRecord() {}

  /**
   * One row per reported metric of a slice's state, with its interval where the state has one, then
   * one per value of {@code more} (the slice's score drift) without one; an undefined (NaN) value is
   * stored as null.
   */
  public static List<Row> metricRows(java.sql.Date runDate, String runId, Timestamp recordedAt, String evaluation,
      String model, int windowDays, int days, String slice, EvaluationState<?> state, EvaluationSpec spec,
      Map<String, Double> more) {
    RowCounts counts = state.rowCounts();
    Intervals intervals = IntervalState.intervals(state, spec.confidence());
    List<Row> rows = new ArrayList<>();
    Map<String, Double> values = new java.util.LinkedHashMap<>(spec.reported(state.metrics()));
    values.putAll(more);
    for (Map.Entry<String, Double> m : values.entrySet()) {
      Intervals.Interval i = intervals == null ? null : intervals.metrics().get(m.getKey());
      rows.add(RowFactory.create(evaluation, model, windowDays, days, slice, m.getKey(), orNull(m.getValue()),
          counts.rows(), counts.evaluatedRows(), counts.invalidRows(), recordedAt, runId,
          i == null ? null : orNull(i.stderr()), i == null ? null : orNull(i.lower()), i == null ? null : orNull(i.upper()),
          runDate));
    }
    return rows;
  }

  private static Double orNull(Double v) {
    return v == null || v.isNaN() ? null : v;
  }

  /** The stored form of a slice's state. */
  public static Row stateRow(java.sql.Date runDate, String runId, String evaluation, String model, String slice,
      EvaluationState<?> state) {
    return RowFactory.create(evaluation, model, slice, state.toByteArray(), runId, runDate);
  }
}
