package io.evalspark.history;

import io.evalspark.core.BadDataException;
import io.evalspark.core.UsageException;
import io.evalspark.gate.ReferenceValues;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.KeptState;
import io.evalspark.metrics.UnreadableStateException;
import io.evalspark.run.SliceStates;
import io.evalspark.run.Slices;
import io.evalspark.run.WindowResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** What a run reads back from the history: the previous run's values, the baseline's, stored states. */
public final class HistoryLookup {
  private final Dataset<Row> metrics;
  private final Dataset<Row> states;
  private final LocalDate runDate;

  /** Reads {@code history} for a run of {@code runDate}. */
  public HistoryLookup(HistoryTable history, LocalDate runDate) {
    this.metrics = history.metrics().where(functions.col("window_days").equalTo(1));
    this.states = history.states();
    this.runDate = runDate;
  }

  /** The values of the latest run before the run date of this evaluation and model. */
  public ReferenceValues previous(String evaluation, String model) {
    Dataset<Row> before = metrics.where(same(evaluation, model)
        .and(functions.col("run_date").lt(functions.lit(java.sql.Date.valueOf(runDate)))));
    Row latest = before.agg(functions.max("run_date")).first();
    if (latest.isNullAt(0)) {
      return ReferenceValues.none("no run before " + runDate + " in the history");
    }
    java.sql.Date date = latest.getDate(0);
    return values("previous run " + date, before.where(functions.col("run_date").equalTo(functions.lit(date)))
        .select("slice", "metric", "value", "stderr").collectAsList());
  }

  /** The baseline model's values recorded on the run date, preferring this evaluation's. */
  public ReferenceValues baseline(String evaluation, String baselineModel) {
    Dataset<Row> sameDay = metrics.where(functions.col("model").equalTo(baselineModel)
        .and(functions.col("run_date").equalTo(functions.lit(java.sql.Date.valueOf(runDate)))));
    // the day's rows of the baseline model, read once: this evaluation's first, else the one other evaluation's
    List<Row> rows = sameDay.select("slice", "metric", "value", "stderr", "evaluation").collectAsList();
    ReferenceValues own = values("baseline model " + baselineModel,
        rows.stream().filter(r -> evaluation.equals(r.getString(4))).toList());
    if (own.present()) {
      return own;
    }
    List<String> recordedBy = rows.stream().map(r -> r.getString(4)).distinct().sorted().toList();
    if (recordedBy.size() > 1) {
      throw twoBaselines(evaluation, baselineModel, recordedBy, "in the history for " + runDate);
    }
    ReferenceValues any = values("baseline model " + baselineModel, rows);
    return any.present() ? any
        : ReferenceValues.none("baseline model " + baselineModel + " has no results for " + runDate);
  }

  /**
   * The error of a baseline model of several other evaluations, {@code where} ("in this run", or in
   * the history for the run date): a baseline gate would compare with one of them, or a mix, unsaid.
   */
  public static UsageException twoBaselines(String evaluation, String baselineModel, List<String> evaluations,
      String where) {
    return new UsageException("the baseline-model " + baselineModel + " of evaluation " + evaluation + " is the model"
        + " of evaluations " + String.join(", ", evaluations) + " " + where + "; a baseline gate cannot tell which to"
        + " compare with: give each of them a model name of its own (model = ...), and name that of one as"
        + " baseline-model");
  }

  /**
   * A rolling window of {@code days} ending on the run date: today's states merged with those stored
   * for the days before it, by slice, each kept as bytes.
   */
  public WindowResult window(String evaluation, String model, int days, SliceStates today) {
    SliceStates merged = new SliceStates();
    Set<java.sql.Date> found = merge(evaluation, model, runDate.minusDays(days - 1), runDate, today, merged);
    return new WindowResult(days, found.size() + 1, merged);
  }

  /**
   * The states stored by the latest run before the run date, by slice; empty where no earlier run
   * stored states ({@code keep-states}).
   */
  public SliceStates previousStates(String evaluation, String model) {
    Row latest = states.where(same(evaluation, model)
        .and(functions.col("run_date").lt(functions.lit(java.sql.Date.valueOf(runDate))))).agg(functions.max("run_date"))
        .first();
    SliceStates bySlice = new SliceStates();
    if (!latest.isNullAt(0)) {
      LocalDate date = latest.getDate(0).toLocalDate();
      merge(evaluation, model, date, date.plusDays(1), new SliceStates(), bySlice);
    }
    return bySlice;
  }

  /**
   * The states stored for the {@code days} days before the run date, merged by slice; empty where
   * none of those days stored states.
   */
  public SliceStates baselineStates(String evaluation, String model, int days) {
    SliceStates bySlice = new SliceStates();
    merge(evaluation, model, runDate.minusDays(days), runDate, new SliceStates(), bySlice);
    return bySlice;
  }

  /**
   * Keeps in {@code merged}, as bytes, each slice of {@code start} merged with the states stored
   * from {@code from} (inclusive) to {@code to} (exclusive), then each slice stored that {@code start}
   * has not; the dates found.
   */
  private Set<java.sql.Date> merge(String evaluation, String model, LocalDate from, LocalDate to, SliceStates start,
      SliceStates merged) {
    Set<java.sql.Date> found = new HashSet<>();
    Map<String, KeptState> stored = new LinkedHashMap<>();
    // The stored states reach the driver one at a time, a slice's together (by slice, then date): the
    // driver holds the state it is merging and the byte forms of those merged, not the window's states.
    Iterator<Row> rows = HistoryTable.between(states, evaluation, model, from, to)
        .select("run_date", "slice", "state").repartition(functions.col("slice"))
        .sortWithinPartitions("slice", "run_date").toLocalIterator();
    String slice = null;
    EvaluationState<?> into = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      found.add(r.getDate(0));
      if (!r.getString(1).equals(slice)) {
        if (slice != null) {
          stored.put(slice, KeptState.asBytes(into));
        }
        slice = r.getString(1);
        KeptState today = start.kept(slice);
        into = today == null ? null : today.copy();
      }
      into = merge(into, r, evaluation);
    }
    if (slice != null) {
      stored.put(slice, KeptState.asBytes(into));
    }
    for (String s : start.keySet()) {
      KeptState both = stored.remove(s);
      merged.keep(s, both != null ? both : start.kept(s).asBytes());
    }
    stored.forEach(merged::keep);
    return found;
  }

  /**
   * {@code into} (null: none yet) merged with the state stored in {@code row} (run date, slice,
   * state): a binary state's bins added as they are read, without a state of their own.
   */
  private static EvaluationState<?> merge(EvaluationState<?> into, Row row, String evaluation) {
    byte[] bytes = (byte[]) row.get(2);
    try {
      if (EvaluationStates.mergesAsRead(into, bytes)) {
        EvaluationStates.mergeBytes(into, bytes);
        return into;
      }
      EvaluationState<?> s = EvaluationStates.fromByteArray(bytes);
      if (into != null && (into instanceof IntervalState) != (s instanceof IntervalState)) {
        // days stored with and without --confidence: the window merges their states of all rows, without intervals
        into = IntervalState.whole(into);
        s = IntervalState.whole(s);
      }
      return EvaluationStates.mergeInto(into, s);
    } catch (UnreadableStateException e) {
      throw new BadDataException("cannot read the state stored for " + row.getDate(0) + " (evaluation " + evaluation
          + ", slice " + row.getString(1) + "): " + e.getMessage() + "; run that day again with --keep-states (or this"
          + " job with the build that wrote it, if that is newer)");
    } catch (IllegalArgumentException e) {
      throw new BadDataException("cannot merge the state stored for " + row.getDate(0) + " (evaluation "
          + evaluation + ", slice " + row.getString(1) + ") with the others: " + e.getMessage()
          + "; a rolling window or drift baseline needs the same settings (bins, threshold, ...) every day,"
          + " or a new history");
    }
  }

  /**
   * The overall values of {@code metrics} recorded for the latest {@code dates} run dates before the
   * run date (at most), oldest first, with their intervals where recorded.
   */
  public Map<String, List<TrendPoint>> trend(String evaluation, String model, Set<String> metricNames, int dates) {
    Map<String, List<TrendPoint>> out = new LinkedHashMap<>();
    metricNames.forEach(m -> out.put(m, new ArrayList<>()));
    if (metricNames.isEmpty()) {
      return out;
    }
    Dataset<Row> rows = metrics.where(same(evaluation, model)
        .and(functions.col("slice").equalTo(Slices.OVERALL))
        .and(functions.col("metric").isin(metricNames.toArray()))
        .and(functions.col("run_date").lt(functions.lit(java.sql.Date.valueOf(runDate)))));
    List<Row> latest = rows.select("run_date").distinct().orderBy(functions.col("run_date").desc()).limit(dates)
        .collectAsList();
    if (latest.isEmpty()) {
      return out;
    }
    java.sql.Date first = latest.get(latest.size() - 1).getDate(0);
    for (Row r : rows.where(functions.col("run_date").geq(functions.lit(first))).orderBy("run_date")
        .select("metric", "run_date", "value", "lower", "upper").collectAsList()) {
      out.get(r.getString(0)).add(new TrendPoint(r.getDate(1).toLocalDate(), orNaN(r, 2), orNaN(r, 3), orNaN(r, 4)));
    }
    return out;
  }

  private static double orNaN(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }

  private static Column same(String evaluation, String model) {
    return functions.col("evaluation").equalTo(evaluation).and(functions.col("model").equalTo(model));
  }

  /** The values and standard errors of history rows whose first columns are slice, metric, value and stderr. */
  private static ReferenceValues values(String label, List<Row> rows) {
    Map<String, Map<String, Double>> bySlice = new LinkedHashMap<>();
    Map<String, Map<String, Double>> stderrs = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!r.isNullAt(2)) {
        bySlice.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getDouble(2));
      }
      if (!r.isNullAt(3)) {
        stderrs.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getDouble(3));
      }
    }
    return new ReferenceValues(label, bySlice, stderrs);
  }

}
