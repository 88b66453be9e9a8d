package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nightly runs end to end: job file, history, windows, gates; expected values from the sample file itself. */
class NightlyJobTest {
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";
  private static final String JOB = "src/test/resources/jobs/nightly.conf";
  private static final String DAY1 = "2026-11-20";
  private static final String DAY2 = "2026-11-21";

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  private int job(String date, String... extra) {
    List<String> args = new ArrayList<>(List.of("evaluate", "--config", JOB, "--run-date", date,
        "--history", history(), "--output", dir.resolve("out/" + date).toString()));
    args.addAll(Arrays.asList(extra));
    return run(args.toArray(new String[0]));
  }

  private String history() {
    return dir.resolve("history").toString();
  }

  /** The sample's rows of one model and day as {label, score}. */
  private static List<double[]> sample(String model, String... days) throws Exception {
    List<double[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of(SAMPLE));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (f[0].equals(model) && Arrays.asList(days).contains(f[1])) {
        rows.add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
      }
    }
    return rows;
  }

  /** Mean binary cross-entropy, straight from its definition. */
  private static double logLoss(List<double[]> rows) {
    double sum = 0;
    for (double[] r : rows) {
      sum -= r[0] == 1 ? Math.log(r[1]) : Math.log(1 - r[1]);
    }
    return sum / rows.size();
  }

  private static long truePositives(List<double[]> rows) {
    return rows.stream().filter(r -> r[0] == 1 && r[1] >= 0.5).count();
  }

  private Dataset<Row> historyRows() {
    return TestSpark.session().read().format("delta").load(history());
  }

  private static double value(Dataset<Row> rows, String date, String evaluation, int window, String metric) {
    List<Row> r = rows.where(functions.col("run_date").cast("string").equalTo(date)
        .and(functions.col("evaluation").equalTo(evaluation)).and(functions.col("window_days").equalTo(window))
        .and(functions.col("slice").equalTo("overall")).and(functions.col("metric").equalTo(metric)))
        .select("value").collectAsList();
    assertEquals(1, r.size(), date + " " + evaluation + " " + metric);
    return r.get(0).getDouble(0);
  }

  @Test
  void aRunDateIsReplacedNotAppendedAndTheNextDayIsGatedOnItsPredecessor() throws Exception {
    assertEquals(0, job(DAY1), cli.err());
    assertTrue(cli.out().contains("SKIPPED log_loss <= previous + 2% [evaluation ctr, slice overall]"), cli.out());
    assertTrue(cli.out().contains("PASSED roc_auc >= baseline - 1"), cli.out());
    JsonNode ctr = new ObjectMapper().readTree(dir.resolve("out/" + DAY1 + "/ctr/metrics.json").toFile());
    int metrics = ctr.get("metrics").size();
    Dataset<Row> h = historyRows();
    assertEquals(2L * metrics, h.count(), "one row per evaluation and metric (no slices)");
    List<double[]> v2day1 = sample("v2", DAY1);
    assertEquals(logLoss(v2day1), value(h, DAY1, "ctr", 1, "log_loss"), 1e-12);
    assertEquals(truePositives(v2day1), value(h, DAY1, "ctr", 1, "tp"));
    assertEquals(logLoss(sample("v1", DAY1)), value(h, DAY1, "ctr-v1", 1, "log_loss"), 1e-12);
    Row counts = h.where("metric = 'tp' AND evaluation = 'ctr'").select("rows", "evaluated_rows", "invalid_rows",
        "model").first();
    assertEquals(500L, counts.getLong(0));
    assertEquals(500L, counts.getLong(1));
    assertEquals(0L, counts.getLong(2));
    assertEquals("v2", counts.getString(3));
    Object firstRecorded = h.select("recorded_at").first().get(0);

    assertEquals(0, job(DAY1), cli.err());
    Dataset<Row> again = historyRows();
    assertEquals(2L * metrics, again.count(), "re-running a date replaces its rows");
    assertNotEquals(firstRecorded, again.select("recorded_at").first().get(0));

    assertEquals(EvaluateCommand.GATE_FAILED, job(DAY2), cli.err());
    double previous = logLoss(v2day1);
    double today = logLoss(sample("v2", DAY2));
    String expected = String.format(Locale.ROOT,
        "FAILED log_loss <= previous + 2%% [evaluation ctr, slice overall]: value %.6g, bound %.6g, previous run %s: %.6g",
        today, previous * 1.02, DAY1, previous);
    assertTrue(cli.err().contains(expected), cli.err() + "\nexpected: " + expected);
    assertTrue(cli.err().contains("error: 1 gate check failed:"), cli.err());
    assertEquals(4L * metrics, historyRows().count(), "a run whose gates fail is still recorded");
    String report = Files.readString(dir.resolve("out/" + DAY2 + "/report.html"));
    assertTrue(report.contains("<tr class=\"FAILED\"><td>FAILED</td><td>log_loss &lt;= previous + 2%</td>"), report);
  }

  @Test
  void aDivergedModelsInfiniteErrorIsRecordedGatedAndChartedAsAGap() throws Exception {
    // Day 1's model diverged: a prediction of 1e200 makes the squared error overflow, so mse is
    // infinite. The run is recorded and its gate fails; the next day's chart of the gated metric has
    // that day as a gap, not a value it cannot draw.
    Path diverged = Files.writeString(dir.resolve("diverged.csv"), "y,p\n1,1e200\n1,2\n3,3\n");
    Path fine = Files.writeString(dir.resolve("fine.csv"), "y,p\n1,1.5\n1,2\n3,3\n");
    for (String day : List.of(DAY1, DAY2)) {
      int exit = run("evaluate", "--input", (day.equals(DAY1) ? diverged : fine).toString(), "--format", "csv",
          "--task", "regression", "--label", "y", "--prediction", "p", "--history", history(), "--run-date", day,
          "--gate", "mse <= 10", "--output", dir.resolve("out/" + day).toString());
      assertEquals(day.equals(DAY1) ? EvaluateCommand.GATE_FAILED : 0, exit, cli.err());
      assertTrue(Files.exists(dir.resolve("out/" + day + "/report.html")), day);
    }
    assertEquals(Double.POSITIVE_INFINITY, value(historyRows(), DAY1, "evaluation", 1, "mse"));
    assertEquals((0.25 + 1 + 0) / 3, value(historyRows(), DAY2, "evaluation", 1, "mse"), 1e-15);
    String report = Files.readString(dir.resolve("out/" + DAY2 + "/report.html"));
    assertTrue(report.contains("alt=\"mse over 2 run dates"), "the gated metric's chart");
  }

  private Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  @Test
  void aFailedRunLeavesTheHistoryAsItWas() throws Exception {
    assertEquals(0, job(DAY1, "--keep-states"), cli.err());
    Path root = Path.of(history());
    Path states = Path.of(history() + "_states");
    Map<String, String> before = snapshot(root);
    Map<String, String> statesBefore = snapshot(states);
    assertTrue(statesBefore.keySet().stream().anyMatch(f -> f.startsWith("run_date=" + DAY1)), statesBefore.keySet().toString());

    assertEquals(3, job(DAY1, "--keep-states", "--label", "score"), cli.err());
    assertEquals(before, snapshot(root), "bad data: nothing written");
    assertEquals(statesBefore, snapshot(states));

    // The states cannot be put in place: the metric partition already swapped in is put back.
    Files.move(states, dir.resolve("states-aside"));
    Files.writeString(states, "not a folder");
    assertEquals(1, job(DAY1, "--keep-states", "--threshold", "0.3"), cli.err());
    assertTrue(cli.err().contains("cannot write the history"), cli.err());
    assertEquals(before, snapshot(root), "a failed write leaves every file as it was");
    assertEquals("not a folder", Files.readString(states));
  }

  @Test
  void aRollingWindowIsMergedFromStoredStates() throws Exception {
    assertEquals(0, job(DAY1, "--keep-states"), cli.err());
    assertEquals(EvaluateCommand.GATE_FAILED, job(DAY2, "--windows", "7"), cli.err());
    assertTrue(cli.out().contains("last 7 days (2 with states)"), cli.out());
    Dataset<Row> h = historyRows();
    List<double[]> both = sample("v2", DAY1, DAY2);
    assertEquals(logLoss(both), value(h, DAY2, "ctr", 7, "log_loss"), 1e-12);
    assertEquals(truePositives(both), value(h, DAY2, "ctr", 7, "tp"));
    assertEquals(logLoss(sample("v1", DAY1, DAY2)), value(h, DAY2, "ctr-v1", 7, "log_loss"), 1e-12);
    assertEquals(2, h.where("window_days = 7").select("days").first().getInt(0));
    assertEquals(1000L, h.where("window_days = 7 AND evaluation = 'ctr'").select("rows").first().getLong(0));
    assertEquals(logLoss(sample("v2", DAY2)), value(h, DAY2, "ctr", 1, "log_loss"), 1e-12);
  }

  @Test
  void gatesPerSliceAndAgainstTheBaselineModelNameTheSliceValueAndBound() throws Exception {
    List<double[]> day1 = sample("v1", DAY1);
    List<double[]> day2 = sample("v1", DAY2);
    double acc1 = day1.stream().filter(r -> (r[1] >= 0.5) == (r[0] == 1)).count() / 500.0;
    double acc2 = day2.stream().filter(r -> (r[1] >= 0.5) == (r[0] == 1)).count() / 500.0;
    double bound = (acc1 + acc2) / 2 + 0.001; // between the two days, above their mean (the overall accuracy)
    assertTrue(acc1 > bound && acc2 < bound, acc1 + " " + acc2);
    String gate = String.format(Locale.ROOT, "accuracy >= %.4f per slice", bound);
    assertEquals(EvaluateCommand.GATE_FAILED, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary",
        "--label", "label", "--score", "score", "--where", "model = 'v1'", "--slice-by", "day", "--gate", gate,
        "--output", dir.resolve("slices").toString()), cli.err());
    assertTrue(cli.err().contains("error: 2 gate checks failed"), cli.err());
    assertTrue(cli.err().contains(String.format(Locale.ROOT, "[evaluation evaluation, slice overall]: value %.6g",
        (acc1 + acc2) / 2)), cli.err());
    assertTrue(cli.err().contains(String.format(Locale.ROOT, "[evaluation evaluation, slice day=%s]: value %.6g, "
        + "bound %.6g", DAY2, acc2, bound)), cli.err());
    assertFalse(cli.err().contains("slice day=" + DAY1), cli.err());

    Path job = dir.resolve("baseline.conf");
    Files.writeString(job, Files.readString(Path.of(JOB)).replace("\"roc_auc >= baseline - 1\"", "\"log_loss >= baseline\""));
    assertEquals(EvaluateCommand.GATE_FAILED, run("evaluate", "--config", job.toString(), "--run-date", DAY1,
        "--history", history(), "--output", dir.resolve("baseline").toString()), cli.err()); // its previous gate needs one
    assertTrue(cli.err().contains(String.format(Locale.ROOT, "value %.6g, bound %.6g, baseline model v1: %.6g",
        logLoss(sample("v2", DAY1)), logLoss(day1), logLoss(day1))), cli.err());
  }

  /**
   * A baseline model that two other blocks evaluate (or recorded in the history for the day) is
   * refused: the gate would compare with one of them, or a mix of both, without saying which.
   */
  @Test
  void aBaselineModelOfTwoOtherEvaluationsIsRefused() throws Exception {
    String v1Blocks = "{ name = v1-a, model = v1, where = \"model = 'v1' AND day = '" + DAY1 + "'\" },"
        + " { name = v1-b, model = v1, where = \"model = 'v1' AND day = '" + DAY2 + "'\" }";
    String v2Block = "{ name = v2, model = v2, baseline-model = v1, where = \"model = 'v2'\","
        + " gates = [\"roc_auc >= baseline - 1\"] }";
    String common = String.join("\n", "input = " + SAMPLE, "format = csv", "task = binary", "label = label",
        "score = score", "");
    Path both = Files.writeString(dir.resolve("both.conf"), common + "evaluations = [" + v1Blocks + ", " + v2Block + "]");
    assertEquals(2, run("evaluate", "--config", both.toString(), "--run-date", DAY1, "--output",
        dir.resolve("both").toString()));
    assertEquals("error: the baseline-model v1 of evaluation v2 is the model of evaluations v1-a, v1-b in this run; a"
        + " baseline gate cannot tell which to compare with: give each of them a model name of its own (model = ...),"
        + " and name that of one as baseline-model", cli.error());
    Path baselines = Files.writeString(dir.resolve("baselines.conf"), common + "evaluations = [" + v1Blocks + "]");
    assertEquals(0, run("evaluate", "--config", baselines.toString(), "--run-date", DAY1, "--history", history(),
        "--output", dir.resolve("baselines").toString()), cli.err());
    Path later = Files.writeString(dir.resolve("later.conf"), common + "evaluations = [" + v2Block + "]");
    assertEquals(2, run("evaluate", "--config", later.toString(), "--run-date", DAY1, "--history", history(),
        "--output", dir.resolve("later").toString()));
    assertEquals("error: the baseline-model v1 of evaluation v2 is the model of evaluations v1-a, v1-b in the history"
        + " for " + DAY1 + "; a baseline gate cannot tell which to compare with: give each of them a model name of its"
        + " own (model = ...), and name that of one as baseline-model", cli.error());
  }

  @Test
  void aModelColumnEvaluatesEachModelInTheSamePassAndComparesThemWithTheBaseline() throws Exception {
    assertEquals(EvaluateCommand.GATE_FAILED, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary",
        "--label", "label", "--score", "score", "--where", "day = '" + DAY1 + "'", "--model-column", "model",
        "--slice-by", "weight", "--baseline-model", "v1", "--gate", "log_loss >= baseline", "--run-date", DAY1,
        "--history", history(), "--output", dir.resolve("models").toString()), cli.err());
    Dataset<Row> h = historyRows();
    double v1 = logLoss(sample("v1", DAY1));
    double v2 = logLoss(sample("v2", DAY1));
    assertEquals(v1, h.where("model = 'v1' AND slice = 'overall' AND metric = 'log_loss'").first().getDouble(6), 1e-12);
    assertEquals(v2, h.where("model = 'v2' AND slice = 'overall' AND metric = 'log_loss'").first().getDouble(6), 1e-12);
    assertEquals(500L, h.where("model = 'v2' AND slice = 'overall' AND metric = 'tp'").first().getLong(7));
    assertEquals(2L, h.where("model = 'v2' AND metric = 'tp' AND slice LIKE 'weight=%'").count(),
        "the sample's weights are 1.0 and 2.0");
    JsonNode m2 = new ObjectMapper().readTree(dir.resolve("models/model=v2/metrics.json").toFile());
    assertEquals(v2, m2.get("metrics").get("log_loss").asDouble(), 1e-12);
    assertTrue(Files.exists(dir.resolve("models/model=v1/metrics.json")));
    assertTrue(cli.err().contains(String.format(Locale.ROOT, "FAILED log_loss >= baseline [evaluation evaluation,"
        + " model v2, slice overall]: value %.6g, bound %.6g, baseline model v1: %.6g", v2, v1, v1)), cli.err());
    assertTrue(cli.out().contains("SKIPPED log_loss >= baseline [evaluation evaluation, model v1, slice overall]"
        + ": value " + String.format(Locale.ROOT, "%.6g", v1) + ", skipped: this is the baseline model"), cli.out());
    assertTrue(cli.err().contains("error: 1 gate check failed"), cli.err());
    String report = Files.readString(dir.resolve("models/report.html"));
    assertTrue(report.contains("<h2>Models of evaluation evaluation</h2>"), "one section overlays the models");
    assertTrue(report.contains("alt=\"ROC curves of 2 models\"") && report.contains("alt=\"Precision-recall curves of 2 models\""),
        "the models' curves in one chart each");
  }

  @Test
  void theHistoryCanBeAMetastoreTable() throws Exception {
    SparkSession spark = TestSpark.session();
    spark.sql("CREATE DATABASE IF NOT EXISTS nightly_test LOCATION '" + dir.resolve("warehouse").toUri() + "'");
    spark.sql("DROP TABLE IF EXISTS nightly_test.history");
    spark.sql("DROP TABLE IF EXISTS nightly_test.history_states");
    String[] table = {"--history", "nightly_test.history", "--keep-states"};
    assertEquals(0, job(DAY1, table), cli.err());
    long oneRun = spark.table("nightly_test.history").count();
    assertEquals(0, job(DAY1, table), cli.err());
    assertEquals(oneRun, spark.table("nightly_test.history").count(), "re-running a date replaces its rows");
    assertEquals(EvaluateCommand.GATE_FAILED, job(DAY2, "--history", "nightly_test.history", "--windows", "7"),
        cli.err());
    // day 2 also records each evaluation's score drift from day 1's kept states
    long drift = 2L * io.evalspark.metrics.ScoreDrift.names("previous").size();
    assertEquals(3 * oneRun + drift, spark.table("nightly_test.history").count(),
        "day 1, day 2 with its drift, and day 2's 7-day window");
    assertEquals(drift, spark.table("nightly_test.history").where("metric LIKE '%_vs_previous%'").count());
    Dataset<Row> week = spark.table("nightly_test.history").where("window_days = 7");
    assertEquals(logLoss(sample("v2", DAY1, DAY2)), value(week, DAY2, "ctr", 7, "log_loss"), 1e-12);
    assertEquals(4L, spark.table("nightly_test.history_states").count(), "two evaluations, two days, overall only");
    assertTrue(cli.err().contains("previous run " + DAY1), cli.err());
  }

  @Test
  void onlyTheChosenMetricsAreReportedAndRecorded() throws Exception {
    assertEquals(0, job(DAY1, "--metrics", "log_loss,roc_auc"), cli.err());
    Dataset<Row> h = historyRows();
    assertEquals(4L, h.count(), "two evaluations, two metrics");
    assertEquals(logLoss(sample("v2", DAY1)), value(h, DAY1, "ctr", 1, "log_loss"), 1e-12);
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/" + DAY1 + "/ctr/metrics.json").toFile()).get("metrics");
    List<String> names = new ArrayList<>();
    m.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("log_loss", "roc_auc"), names);
    assertEquals(2, job(DAY1, "--metrics", "log_loss,auc"));
    assertTrue(cli.err().contains("names 'auc', which is no binary metric"), cli.err());
  }

  @Test
  void aFilterThatIsNotOneIsAUsageErrorNamingIt() {
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--where", "modle = 'v1'", "--output", dir.resolve("where").toString()));
    assertTrue(cli.err().contains("where = \"modle = 'v1'\" of evaluation evaluation is not a filter on its input"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("where")));
  }

  @Test
  void quietPrintsNothingButErrors() {
    assertEquals(0, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--quiet", "--output", dir.resolve("quiet").toString()), cli.err());
    assertEquals("", cli.out());
    assertEquals("", cli.err());
    assertTrue(Files.exists(dir.resolve("quiet/metrics.json")));
    assertTrue(Files.exists(dir.resolve("quiet/report.html")));
    assertEquals(3, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "score",
        "--score", "score", "--quiet", "--output", dir.resolve("quiet2").toString()));
    assertEquals("", cli.out());
    assertTrue(cli.err().startsWith("error: "), cli.err());
  }

  @Test
  void longRunsShowTheStageAndTheRowsRead() throws Exception {
    SparkSession spark = TestSpark.session();
    Path input = dir.resolve("many");
    spark.range(0, 400_000, 1, 40)
        .selectExpr("cast(id % 2 as double) as label", "cast((id % 1000) / 1000.0 as double) as score")
        .write().parquet(input.toString());
    // One task per file, so that tasks end one after another while the pass runs.
    spark.conf().set("spark.sql.files.maxPartitionBytes", "100k");
    spark.conf().set("spark.sql.files.openCostInBytes", "100k");
    try {
      assertEquals(0, run("evaluate", "--input", input.toString(), "--task", "binary", "--label", "label", "--score",
          "score", "--progress-seconds", "0.01", "--output", dir.resolve("progress").toString()), cli.err());
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
      spark.conf().unset("spark.sql.files.openCostInBytes");
    }
    String progress = cli.err();
    assertTrue(progress.contains("] evaluating evaluation (1 of 1)"), progress);
    assertTrue(progress.matches("(?s).*evaluating evaluation \\(1 of 1\\): [0-9,]+ rows read.*"), progress);
    assertTrue(progress.contains("evaluation: 400,000 rows, 400,000 evaluated, 0 invalid"), progress);
    assertTrue(progress.contains("] writing reports to "), progress);
    assertEquals(2, run("evaluate", "--input", input.toString(), "--task", "binary", "--label", "label", "--score",
        "score", "--progress-seconds", "0", "--output", dir.resolve("spin").toString()));
    assertTrue(cli.err().contains("--progress-seconds must be at least 0.001, got 0.0"), cli.err());
  }

  @Test
  void aRunWhoseReportCannotBeWrittenLeavesTheHistoryAsItWas() throws Exception {
    Files.createDirectories(dir.resolve("out/" + DAY1 + "/report.html")); // a folder where the report would go
    assertEquals(1, job(DAY1), cli.err());
    assertTrue(cli.err().contains("report.html"), cli.err());
    assertFalse(Files.exists(Path.of(history())), "the history was written although the report was not");
  }

  @Test
  void aCustomMetricOfTheJobFileIsRecordedAndGated() throws Exception {
    Path job = Files.writeString(dir.resolve("custom.conf"), String.join("\n",
        "input = " + SAMPLE, "format = csv", "task = binary", "label = label", "score = score",
        "evaluations = [{ name = ctr, model = v2, where = \"model = 'v2' AND day = '" + DAY1 + "'\",",
        "  custom-metrics = [\"err=abs(y - p) * 1000\", \"near=max(y, p) - min(y, p)\"],",
        "  gates = [\"err <= 1\", \"near >= 0\"] }]"));
    assertEquals(EvaluateCommand.GATE_FAILED, run("evaluate", "--config", job.toString(), "--run-date", DAY1,
        "--history", history(), "--output", dir.resolve("custom").toString()), cli.err());
    double err = 0;
    List<double[]> rows = sample("v2", DAY1);
    for (double[] r : rows) {
      err += Math.abs(r[0] - r[1]) * 1000 / rows.size();
    }
    assertEquals(err, value(historyRows(), DAY1, "ctr", 1, "err"), 1e-9);
    String failed = String.format(Locale.ROOT, "FAILED err <= 1 [evaluation ctr, slice overall]: value %.6g", err);
    assertTrue(cli.err().contains(failed), cli.err());
    assertTrue(cli.out().contains("PASSED near >= 0"), cli.out());
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("custom/ctr/metrics.json").toFile()).get("metrics");
    assertEquals(err, metrics.get("err").asDouble(), 1e-9);
  }

  @Test
  void aMultilabelEvaluationOfTheJobFileIsRecordedAndGated() throws Exception {
    // Row 1: a true (score 0.45), b not (0.3); row 2: a not (0.2), b true (0.9). At threshold 0.4 every label is
    // right, and every true label outranks every other in its row and in the pool.
    Path input = Files.writeString(dir.resolve("multilabel.json"),
        "{\"a\": 1, \"b\": 0, \"sa\": 0.45, \"sb\": 0.3}\n{\"a\": 0, \"b\": 1, \"sa\": 0.2, \"sb\": 0.9}\n");
    Path job = Files.writeString(dir.resolve("multilabel.conf"), String.join("\n",
        "input = \"" + input + "\"", "format = json", "task = multilabel",
        "evaluations = [{ name = tags, model = m1, labels = [a, b], scores = [sa, sb], threshold = 0.4,",
        "  gates = [\"hamming_loss <= 0\", \"micro_roc_auc >= 1\", \"subset_accuracy > 1\"] }]"));
    assertEquals(EvaluateCommand.GATE_FAILED, run("evaluate", "--config", job.toString(), "--run-date", DAY1,
        "--history", history(), "--output", dir.resolve("multilabel").toString()), cli.err());
    assertTrue(cli.out().contains("PASSED hamming_loss <= 0"), cli.out());
    assertTrue(cli.out().contains("PASSED micro_roc_auc >= 1"), cli.out());
    assertTrue(cli.err().contains("FAILED subset_accuracy > 1"), cli.err());
    assertEquals(1.0, value(historyRows(), DAY1, "tags", 1, "subset_accuracy"), 1e-15);
    assertEquals(0.0, value(historyRows(), DAY1, "tags", 1, "hamming_loss"), 1e-15);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("multilabel/tags/metrics.json").toFile());
    assertEquals(1.0, report.get("metrics").get("label_ranking_average_precision").asDouble(), 1e-15);
    assertEquals("a", report.get("per_label").get(0).get("label").asText());
  }

  /** KS of two days' scores at the 10,000 bins' edges, straight from the rows. */
  private static double binnedKs(List<double[]> reference, List<double[]> current) {
    double[] r = new double[10_000];
    double[] c = new double[10_000];
    reference.forEach(row -> r[Math.min((int) (row[1] * 10_000), 9_999)] += 1.0 / reference.size());
    current.forEach(row -> c[Math.min((int) (row[1] * 10_000), 9_999)] += 1.0 / current.size());
    double cr = 0;
    double cc = 0;
    double ks = 0;
    for (int b = 0; b < 10_000; b++) {
      cr += r[b];
      cc += c[b];
      ks = Math.max(ks, Math.abs(cc - cr));
    }
    return ks;
  }

  @Test
  void scoreDriftFromTheStoredStatesIsReportedRecordedAndGated() throws Exception {
    Path job = Files.writeString(dir.resolve("drift.conf"), String.join("\n",
        "input = " + SAMPLE, "format = csv", "task = binary", "label = label", "score = score", "keep-states = true",
        "drift-baseline = 3",
        "evaluations = [{ name = ctr, model = v2, gates = [\"psi_vs_previous <= 0.2\", \"ks_vs_previous <= 0.01\"] }]"));
    List<String> args = List.of("evaluate", "--config", job.toString(), "--history", history());
    List<String> day1 = new ArrayList<>(args);
    day1.addAll(List.of("--run-date", DAY1, "--where", "model = 'v2' AND day = '" + DAY1 + "'", "--output",
        dir.resolve("drift1").toString()));
    assertEquals(0, run(day1.toArray(String[]::new)), cli.err());
    assertTrue(cli.out().contains("SKIPPED psi_vs_previous <= 0.2"), cli.out());
    assertTrue(cli.out().contains("no state stored by an earlier run (keep-states)"), cli.out());
    List<String> day2 = new ArrayList<>(args);
    day2.addAll(List.of("--run-date", DAY2, "--where", "model = 'v2' AND day = '" + DAY2 + "'", "--output",
        dir.resolve("drift2").toString()));
    assertEquals(EvaluateCommand.GATE_FAILED, run(day2.toArray(String[]::new)), cli.err() + cli.out());
    double ks = binnedKs(sample("v2", DAY1), sample("v2", DAY2));
    JsonNode drift = new ObjectMapper().readTree(dir.resolve("drift2/ctr/metrics.json").toFile()).get("drift");
    assertEquals(ks, drift.get("ks_vs_previous").asDouble(), 1e-12);
    assertEquals(drift.get("psi_vs_previous").asDouble(), drift.get("psi_vs_baseline").asDouble(), 1e-15,
        "the days before the run date hold only the previous run's");
    assertTrue(cli.out().contains("PASSED psi_vs_previous <= 0.2"), cli.out() + drift);
    assertTrue(cli.err().contains(String.format(Locale.ROOT, "FAILED ks_vs_previous <= 0.01 [evaluation ctr, slice"
        + " overall]: value %.6g", ks)), cli.err());
    assertEquals(ks, value(historyRows(), DAY2, "ctr", 1, "ks_vs_previous"), 1e-12);
    String report = Files.readString(dir.resolve("drift2/report.html"));
    assertTrue(report.contains("<td>psi_vs_previous</td>"), "the drift is in the report's metric table");
    assertTrue(report.contains("ks_vs_previous over 1 run dates"), "the gated drift is plotted by run date");
    // drift-baseline needs a history, and keeps the run's states in it, as windows do
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--drift-baseline", "7", "--output", dir.resolve("x").toString()));
    assertTrue(cli.err().contains("keep-states, windows and drift-baseline need a history (--history PATH|TABLE)"),
        cli.err());
    Path noKeepStates = Files.writeString(dir.resolve("baseline.conf"), Files.readString(job)
        .replace("keep-states = true\n", ""));
    String day3 = LocalDate.parse(DAY2).plusDays(1).toString();
    assertEquals(0, run("evaluate", "--config", noKeepStates.toString(), "--history", history(), "--run-date", day3,
        "--where", "model = 'v2' AND day = '" + DAY2 + "'", "--output", dir.resolve("x").toString()), cli.err());
    assertTrue(snapshot(Path.of(history() + "_states")).keySet().stream()
        .anyMatch(f -> f.startsWith("run_date=" + day3)), "the run's states are kept without keep-states");
    JsonNode sameRows = new ObjectMapper().readTree(dir.resolve("x/ctr/metrics.json").toFile()).get("drift");
    assertEquals(0.0, sameRows.get("ks_vs_previous").asDouble(), 0.0, "day 3's rows are day 2's");
  }
}
