package io.evalspark.report;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.BinaryDetails;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.Details;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassDetails;
import io.evalspark.metrics.MultilabelDetails;
import io.evalspark.metrics.RowCounts;
import io.evalspark.run.Slices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics.json} report: {@code task, rows, evaluated_rows, invalid_rows, metrics,
 * intervals (with --confidence), refinement (with --auc-tolerance), drift (a nightly binary run
 * with stored states), curves (binary) or per_class and confusion_matrix (multiclass), invalid,
 * slices}. Scripts read these names; keep them.
 */
public final class MetricsReport {
  /** The name of the file an evaluation's (or a model's) metrics are written to, in its folder. */
  public static final String FILE_NAME = "metrics.json";

  private MetricsReport() {}

  /** The report as a JSON-ready tree. */
  public static Map<String, Object> tree(EvaluationResult result) {
    return tree(result, Map.of());
  }

  /** The report with each slice's score drift ({@code psi_vs_previous}, ...) where there is one. */
  public static Map<String, Object> tree(EvaluationResult result, Map<String, Map<String, Double>> drift) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("task", result.spec().task().displayName());
    EvaluationState<?> overall = result.overall();
    counts(overall.rowCounts(), top);
    top.put("metrics", result.spec().reported(overall.metrics()));
    intervals(overall, result.spec(), top);
    refinement(overall, top);
    drift(drift.get(Slices.OVERALL), top);
    details(overall.details(), top);
    Map<String, Object> invalid = new LinkedHashMap<>();
    overall.rowCounts().invalidByReason().forEach((reason, n) -> invalid.put(reason, n));
    top.put("invalid", invalid);
    List<Map<String, Object>> slices = new ArrayList<>();
    for (SliceResult s : result.slices()) {
      Map<String, Object> slice = new LinkedHashMap<>();
      slice.put("key", key(s.key()));
      EvaluationState<?> state = s.state();
      counts(state.rowCounts(), slice);
      slice.put("metrics", result.spec().reported(state.metrics()));
      intervals(state, result.spec(), slice);
      refinement(state, slice);
      drift(drift.get(Slices.text(s.key())), slice);
      slices.add(slice);
    }
    top.put("slices", slices);
    return top;
  }

  /**
   * A slice's key as JSON holds it: strings, whole numbers, numbers and booleans as they are; null as
   * null; a date, a timestamp and a number JSON has none for (NaN, infinities) as its text in the
   * history ({@link Slices#value}), not as epoch milliseconds or as null.
   */
  private static Map<String, Object> key(Map<String, Object> key) {
    Map<String, Object> out = new LinkedHashMap<>();
    key.forEach((column, value) -> out.put(column, value == null || value instanceof String
        || value instanceof Boolean || (value instanceof Number n && Double.isFinite(n.doubleValue()))
        ? value : Slices.value(value)));
    return out;
  }

  /** With --confidence: the level, the method, and each reported metric's interval and standard error. */
  private static void intervals(EvaluationState<?> state, EvaluationSpec spec, Map<String, Object> into) {
    Intervals intervals = IntervalState.intervals(state, spec.confidence());
    if (intervals == null) {
      return;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (String name : spec.reported(state.metrics()).keySet()) {
      Intervals.Interval i = intervals.metrics().get(name);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lower", i.lower());
      m.put("upper", i.upper());
      m.put("stderr", i.stderr());
      metrics.put(name, m);
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("level", intervals.level());
    block.put("method", intervals.method());
    block.put("metrics", metrics);
    into.put("intervals", block);
  }

  /** With --auc-tolerance: the passes a state took and the widths of its bounds after them. */
  private static void refinement(EvaluationState<?> state, Map<String, Object> into) {
    if (IntervalState.whole(state) instanceof BinaryState binary && binary.refinement() != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("passes", binary.refinement().passes());
      r.put("roc_auc_width", binary.refinement().rocAucWidth());
      r.put("average_precision_width", binary.refinement().averagePrecisionWidth());
      into.put("refinement", r);
    }
  }

  private static void drift(Map<String, Double> values, Map<String, Object> into) {
    if (values != null && !values.isEmpty()) {
      into.put("drift", values);
    }
  }

  private static void details(Details details, Map<String, Object> into) {
    if (details instanceof BinaryDetails binary) {
      Map<String, Object> curves = new LinkedHashMap<>();
      curves.put("roc", binary.roc());
      curves.put("pr", binary.precisionRecall());
      into.put("curves", curves);
      into.put("calibration", binary.calibration());
      into.put("score_distribution", binary.scoreDistribution());
    } else if (details instanceof MulticlassDetails multiclass) {
      List<Map<String, Object>> perClass = new ArrayList<>();
      for (MulticlassDetails.ClassMetrics c : multiclass.perClass()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("class", c.classIndex());
        row.put("precision", c.precision());
        row.put("recall", c.recall());
        row.put("f1", c.f1());
        row.put("support", c.support());
        perClass.add(row);
      }
      into.put("per_class", perClass);
      into.put("confusion_matrix", multiclass.confusionMatrix());
    } else if (details instanceof MultilabelDetails multilabel) {
      List<Map<String, Object>> perLabel = new ArrayList<>();
      for (MultilabelDetails.LabelMetrics l : multilabel.perLabel()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", l.label());
        row.put("precision", l.precision());
        row.put("recall", l.recall());
        row.put("f1", l.f1());
        row.put("support", l.support());
        if (!Double.isNaN(l.rocAuc())) {
          row.put("roc_auc", l.rocAuc());
        }
        perLabel.add(row);
      }
      into.put("per_label", perLabel);
    }
  }

  private static void counts(RowCounts rows, Map<String, Object> into) {
    into.put("rows", rows.rows());
    into.put("evaluated_rows", rows.evaluatedRows());
    into.put("invalid_rows", rows.invalidRows());
  }

  /** The text of a {@code metrics.json}, with each slice's score drift. */
  public static String text(EvaluationResult result, Map<String, Map<String, Double>> drift) {
    return Json.write(tree(result, drift));
  }
}
