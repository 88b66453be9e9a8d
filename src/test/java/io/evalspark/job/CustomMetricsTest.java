package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.CustomMetrics;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.sql.ColumnarPass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics of the user's own ({@code --metric 'err=abs(y - p) * 1000'}): the weighted mean of the
 * formula over every slice's rows, computed here from the rows, on the columnar pass and the
 * aggregate alike, with intervals, and refused where they cannot be.
 */
class CustomMetricsTest {
  private static final List<String> DEFINITIONS = List.of("err=abs(y - p) * 1000", "gap=max(y, p) - min(y, p)^2",
      "per_weight=abs(y - p) / w");

  @TempDir static Path dir;

  /** The rows of one segment, or all of them where {@code segment} is null. */
  private static List<Row> in(List<Row> rows, String segment) {
    return rows.stream().filter(row -> segment == null || segment.equals(row.getString(0))).toList();
  }

  private static double[] expected(List<Row> rows, String segment) {
    double err = 0;
    double gap = 0;
    double absolute = 0;
    double weight = 0;
    for (Row row : in(rows, segment)) {
      double y = row.getDouble(1);
      double p = row.getDouble(2);
      double w = row.getDouble(3);
      err += w * Math.abs(y - p) * 1000;
      gap += w * (Math.max(y, p) - Math.min(y, p) * Math.min(y, p));
      absolute += Math.abs(y - p);
      weight += w;
    }
    // per_weight's weighted mean: sum of w |y - p| / w over the sum of w
    return new double[] {err / weight, gap / weight, absolute / weight};
  }

  private static EvaluationSpec.Builder binary() {
    return EvaluationSpec.of(Task.BINARY).label("y").score("p").weight("w").sliceBy(List.of("segment"))
        .customMetrics(DEFINITIONS);
  }

  @Test
  void aBinaryCustomMetricIsTheMeanOfItsFormulaInEverySliceOnEitherPath() {
    List<Row> rows = Frames.binaryRows(9000, 17);
    Dataset<Row> inMemory = Frames.of(Frames.binarySchema(), rows, 3);
    String path = dir.resolve("binary").toString();
    inMemory.write().parquet(path);
    Dataset<Row> files = TestSpark.session().read().parquet(path);
    BinarySettings settings = BinarySettings.defaults().with(CustomMetrics.parse(DEFINITIONS));
    assertNotNull(ColumnarPass.state(files.select("y", "p", "w"), settings, false), "the files take the columnar pass");
    for (Dataset<Row> input : List.of(inMemory, files)) {
      EvaluationResult result = EvaluationJob.run(input, binary().build());
      double[] all = expected(rows, null);
      assertEquals(all[0], result.overall().metrics().get("err"), 1e-9);
      assertEquals(all[1], result.overall().metrics().get("gap"), 1e-12);
      assertEquals(all[2], result.overall().metrics().get("per_weight"), 1e-12);
      assertEquals(2, result.slices().size());
      for (SliceResult slice : result.slices()) {
        double[] one = expected(rows, (String) slice.key().get("segment"));
        assertEquals(one[0], slice.state().metrics().get("err"), 1e-9, slice.key().toString());
        assertEquals(one[1], slice.state().metrics().get("gap"), 1e-12, slice.key().toString());
      }
      List<String> names = result.overall().settings().metricNames();
      assertEquals(List.of("err", "gap", "per_weight"), names.subList(names.size() - 3, names.size()),
          "after the task's metrics");
    }
  }

  @Test
  void customMetricsHaveIntervalsAndReachRegression() {
    List<Row> rows = Frames.binaryRows(12_000, 19);
    Dataset<Row> inMemory = Frames.of(Frames.binarySchema(), rows, 2);
    IntervalState binary = (IntervalState) EvaluationJob.run(inMemory, binary().sliceBy(null).confidence(0.95).build())
        .overall();
    Map<String, Intervals.Interval> intervals = binary.intervals(0.95).metrics();
    Intervals.Interval err = intervals.get("err");
    assertEquals(expected(rows, null)[0], err.value(), 1e-9);
    assertTrue(err.stderr() > 0 && err.lower() < err.value() && err.value() < err.upper(), err.toString());
    // Regression: p is the predicted value as given.
    EvaluationResult regression = EvaluationJob.run(inMemory, EvaluationSpec.of(Task.REGRESSION).label("y")
        .prediction("p").weight("w").customMetrics(DEFINITIONS).build());
    assertEquals(expected(rows, null)[0], regression.overall().metrics().get("err"), 1e-9);
  }

  /** far_share and worst_error of {@link FarRows}, computed here from the rows. */
  private static double[] far(List<Row> rows, String segment) {
    double far = 0;
    double weight = 0;
    double worst = 0;
    for (Row row : in(rows, segment)) {
      double error = Math.abs(row.getDouble(1) - row.getDouble(2));
      far += error > 0.5 ? row.getDouble(3) : 0;
      weight += row.getDouble(3);
      worst = Math.max(worst, error);
    }
    return new double[] {far / weight, worst};
  }

  @Test
  void aMetricStateClassReportsItsMetricsInEverySliceOnEitherPathAndRoundTrips() {
    List<Row> rows = Frames.binaryRows(12_000, 23);
    Dataset<Row> inMemory = Frames.of(Frames.binarySchema(), rows, 3);
    String path = dir.resolve("classes").toString();
    inMemory.write().parquet(path);
    Dataset<Row> files = TestSpark.session().read().parquet(path);
    EvaluationSpec spec = binary().customMetrics(null).metricClasses(List.of(FarRows.class.getName())).build();
    assertNotNull(ColumnarPass.state(files.select("y", "p", "w"), spec.settings(), false));
    for (Dataset<Row> input : List.of(inMemory, files)) {
      EvaluationResult result = EvaluationJob.run(input, spec);
      assertEquals(far(rows, null)[0], result.overall().metrics().get("far_share"), 1e-12);
      assertEquals(far(rows, null)[1], result.overall().metrics().get("worst_error"), 0.0);
      for (SliceResult slice : result.slices()) {
        double[] one = far(rows, (String) slice.key().get("segment"));
        assertEquals(one[0], slice.state().metrics().get("far_share"), 1e-12, slice.key().toString());
        assertEquals(one[1], slice.state().metrics().get("worst_error"), 0.0, slice.key().toString());
      }
      EvaluationState<?> back = EvaluationStates.fromByteArray(result.overall().toByteArray());
      assertEquals(result.overall().metrics(), back.metrics(), "the class's state is stored and read back");
    }
    // With intervals: past the rows counted in the group states directly, rows reach each group's own instance.
    IntervalState intervals = (IntervalState) EvaluationJob.run(inMemory, binary().customMetrics(null).sliceBy(null)
        .metricClasses(List.of(FarRows.class.getName())).confidence(0.95).build()).overall();
    Intervals.Interval share = intervals.intervals(0.95).metrics().get("far_share");
    assertEquals(far(rows, null)[0], share.value(), 1e-12);
    // Each group's share times its weight (its weighted confusion counts) adds up to the far rows' weight.
    double farWeight = 0;
    double weight = 0;
    for (int g = 0; g < IntervalState.GROUPS; g++) {
      Map<String, Double> m = intervals.group(g).metrics();
      double w = m.get("tp") + m.get("fp") + m.get("tn") + m.get("fn");
      farWeight += w == 0 ? 0 : m.get("far_share") * w;
      weight += w;
    }
    assertEquals(far(rows, null)[0], farWeight / weight, 1e-12);
    assertTrue(share.stderr() > 0, share.toString());
  }

  @Test
  void badCustomMetricsAreUsageErrorsThatSayWhy() {
    UsageException e = assertThrows(UsageException.class, () -> binary().customMetrics(List.of("err=abs(y - ")).build());
    assertTrue(e.getMessage().startsWith("--metric: custom metric err's formula 'abs(y -' is not a formula"),
        e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().customMetrics(List.of("log_loss=y")).build());
    assertTrue(e.getMessage().contains("custom metric 'log_loss' has the name of a binary metric"), e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().customMetrics(List.of("abs(y - p)")).build());
    assertTrue(e.getMessage().contains("must be written name=formula"), e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().customMetrics(List.of("a=y", "a=p")).build());
    assertTrue(e.getMessage().contains("custom metric 'a' is named twice"), e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().metricClasses(List.of("com.example.NoSuchMetric")).build());
    assertTrue(e.getMessage().startsWith("--metric-class: metric class com.example.NoSuchMetric is not on the"
        + " classpath; pass its jar with submit.sh --jars"), e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().metricClasses(List.of(String.class.getName())).build());
    assertTrue(e.getMessage().contains("does not implement io.evalspark.metrics.CustomMetricState"), e.getMessage());
    e = assertThrows(UsageException.class, () -> binary().customMetrics(List.of("worst_error=y"))
        .metricClasses(List.of(FarRows.class.getName())).build());
    assertTrue(e.getMessage().contains("custom metric 'worst_error' is named twice"), e.getMessage());
    e = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.MULTICLASS).label("y").prediction("p")
        .customMetrics(List.of("err=y")).build());
    assertTrue(e.getMessage().contains("applies to binary and regression evaluations"), e.getMessage());
  }
}
