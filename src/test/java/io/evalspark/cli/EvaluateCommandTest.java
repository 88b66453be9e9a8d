package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import io.evalspark.metrics.BinarySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";
  private static final List<String> BINARY_METRICS = List.of("tp", "fp", "tn", "fn", "accuracy", "precision", "recall",
      "specificity", "f1", "balanced_accuracy", "mcc", "roc_auc", "roc_auc_lower", "roc_auc_upper", "pr_auc",
      "average_precision", "average_precision_lower", "average_precision_upper", "log_loss", "brier", "ece");

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  private String[] binaryArgs(String... extra) {
    List<String> args = new ArrayList<>(Arrays.asList("evaluate", "--input", SAMPLE, "--format", "csv",
        "--task", "binary", "--label", "label", "--score", "score", "--output", dir.resolve("out").toString()));
    args.addAll(Arrays.asList(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void aModelNamedLikeAPathStaysAFolderOfTheOutput() throws Exception {
    Path rows = Files.writeString(dir.resolve("models.csv"),
        "y,p,m\n1,0.9,../../escape\n0,0.2,../../escape\n1,0.7,ok\n0,0.4,ok\n");
    Path out = dir.resolve("a/b/out");
    assertEquals(0, run("evaluate", "--input", rows.toString(), "--format", "csv", "--task", "binary", "--label", "y",
        "--score", "p", "--model-column", "m", "--output", out.toString()), cli.err());
    assertTrue(Files.exists(out.resolve("model=..%2F..%2Fescape/metrics.json")));
    assertTrue(Files.exists(out.resolve("model=ok/metrics.json")));
    try (var all = Files.walk(dir)) {
      assertEquals(List.of(), all.filter(p -> p.getFileName().toString().equals("metrics.json"))
          .filter(p -> !p.startsWith(out)).toList(), "no report outside the output");
    }
  }

  /**
   * A CSV of semicolons or tabs is read with --separator (a job file's separator), as Spark's sep
   * reads it. Positives score 0.9 and 0.4, negatives 0.2 and 0.6: 3 of the 4 pairs are ordered, so
   * roc_auc is 3/4.
   */
  @Test
  void aCsvOfOtherSeparatorsIsReadWithSeparator() throws Exception {
    Path semicolons = Files.writeString(dir.resolve("semicolons.csv"), "y;p\n1;0.9\n0;0.2\n1;0.4\n0;0.6\n");
    Path tabs = Files.writeString(dir.resolve("tabs.csv"), "y\tp\n1\t0.9\n0\t0.2\n1\t0.4\n0\t0.6\n");
    ObjectMapper json = new ObjectMapper();
    int i = 0;
    for (String[] input : new String[][] {{semicolons.toString(), ";"}, {tabs.toString(), "\\t"}}) {
      Path out = dir.resolve("out" + i++);
      assertEquals(0, run("evaluate", "--input", input[0], "--format", "csv", "--separator", input[1], "--task",
          "binary", "--label", "y", "--score", "p", "--output", out.toString()), cli.err());
      assertEquals(0.75, json.readTree(out.resolve("metrics.json").toFile()).get("metrics").get("roc_auc").asDouble(),
          0.0);
    }
    Path job = Files.writeString(dir.resolve("job.conf"), "input = \"" + semicolons + "\"\nformat = csv\n"
        + "separator = \";\"\ntask = binary\nlabel = y\nscore = p\noutput = \"" + dir.resolve("job") + "\"\n");
    assertEquals(0, run("evaluate", "--config", job.toString()), cli.err());
    assertEquals(0.75, json.readTree(dir.resolve("job/evaluation/metrics.json").toFile()).get("metrics")
        .get("roc_auc").asDouble(), 0.0);
    assertEquals(2, run("evaluate", "--input", semicolons.toString(), "--separator", ";", "--task", "binary",
        "--label", "y", "--score", "p", "--output", dir.resolve("parquet").toString()));
    assertEquals("error: --separator is for --format csv; the input is read with --format parquet (the default)",
        cli.error());
  }

  /**
   * A column of text where numbers belong is shown by a value that is not a number (a decimal
   * comma is said to be one), or said to hold numbers written as text.
   */
  @Test
  void textWhereNumbersBelongIsShownByAValue() throws Exception {
    Path commas = Files.writeString(dir.resolve("commas.csv"), "y;p\n1;0.9\n0;0,2\n");
    assertEquals(3, run("evaluate", "--input", commas.toString(), "--format", "csv", "--separator", ";", "--task",
        "binary", "--label", "y", "--score", "p", "--output", dir.resolve("out").toString()));
    assertEquals("error: the score column 'p' has type string; expected " + BinarySettings.SCORE + " (it holds '0,2',"
        + " which is not a number; numbers are read with a decimal point, not a comma)", cli.error());
    assertEquals("error: the label column 'label' has type string; expected a numeric or boolean column (it holds"
        + " 'NA', which is not a number)", badCsv("label,score,w\n1,0.9,1\nNA,0.2,NA\n"));
    Path quoted = Files.writeString(dir.resolve("quoted.json"), "{\"y\": 1, \"p\": \"0.9\"}\n{\"y\": 0, \"p\": \"0.2\"}\n");
    assertEquals(3, run("evaluate", "--input", quoted.toString(), "--format", "json", "--task", "regression",
        "--label", "y", "--prediction", "p", "--output", dir.resolve("out").toString()));
    assertEquals("error: the prediction column 'p' has type string; expected a numeric column (its values are numbers"
        + " written as text; write them as numbers, or cast them)", cli.error());
  }

  /** The error of a binary evaluation of the columns label and score of a CSV of {@code text}, which is bad data. */
  private String badCsv(String text) throws Exception {
    Path rows = Files.writeString(dir.resolve("bad.csv"), text);
    assertEquals(3, run("evaluate", "--input", rows.toString(), "--format", "csv", "--task", "binary", "--label",
        "label", "--score", "score", "--output", dir.resolve("out").toString()));
    return cli.error();
  }

  /** A CSV without a header line, whose first row is read as the names of its columns, is pointed at. */
  @Test
  void aCsvWithoutAHeaderIsPointedAt() throws Exception {
    assertEquals("error: the label column 'label' does not exist; the input has columns: 1, 0.9 (every column is named"
        + " by a number: is the file's first line a row? --format csv reads the first line as the header of names)",
        badCsv("1,0.9\n0,0.2\n"));
  }

  /** A CSV header that names a column twice is said to, where the column is not found under that name. */
  @Test
  void aHeaderThatNamesAColumnTwiceIsPointedAt() throws Exception {
    assertEquals("error: the score column 'score' does not exist; the input has columns: label, score1, score2 (the"
        + " header names 'score' 2 times, and Spark reads those columns as score1, score2: give each a name of its"
        + " own)", badCsv("label,score,score\n1,0.9,1\n0,0.2,1\n"));
  }

  /** A run whose reports cannot all be written leaves the reports before, every one. */
  @Test
  void aRunThatCannotWriteAllItsReportsLeavesTheOnesBefore() throws Exception {
    Path rows = Files.writeString(dir.resolve("models.csv"), "y,p,m\n1,0.9,a\n0,0.2,a\n1,0.7,b\n0,0.4,b\n");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("evaluate", "--input", rows.toString(), "--format", "csv", "--task",
        "binary", "--label", "y", "--score", "p", "--model-column", "m", "--output", out.toString()));
    assertEquals(0, run(args.toArray(new String[0])), cli.err());
    String a = Files.readString(out.resolve("model=a/metrics.json"));
    String report = Files.readString(out.resolve("report.html"));
    Files.delete(out.resolve("model=b/metrics.json"));
    Files.createDirectory(out.resolve("model=b/metrics.json"));
    Files.writeString(rows, "1,0.8,aa\n0,0.1,aa\n", java.nio.file.StandardOpenOption.APPEND); // a model new to the output
    args.addAll(List.of("--threshold", "0.1")); // model a's negative at 0.2 is now a false positive
    assertEquals(1, run(args.toArray(new String[0])));
    assertTrue(cli.error().contains("a folder of that name is in the way"), cli.error());
    assertEquals(a, Files.readString(out.resolve("model=a/metrics.json")), "model a's report is the first run's");
    assertEquals(report, Files.readString(out.resolve("report.html")));
    assertFalse(Files.exists(out.resolve("model=aa")), "the folder made for model aa's report is gone with it");
    try (var files = Files.list(out.resolve("model=a"))) {
      assertEquals(List.of("metrics.json"), files.map(f -> f.getFileName().toString()).toList(), "nothing left aside");
    }
  }

  /**
   * A run into the output of an earlier one replaces its reports: the report of a model the new run
   * does not have goes, and its folder with it unless it holds files of the user's.
   */
  @Test
  void aRerunLeavesNoReportOfAModelItNoLongerHas() throws Exception {
    Path rows = Files.writeString(dir.resolve("models.csv"),
        "y,p,m\n1,0.9,a\n0,0.2,a\n1,0.7,b\n0,0.4,b\n1,0.6,c\n0,0.3,c\n");
    Path out = dir.resolve("out");
    String[] args = {"evaluate", "--input", rows.toString(), "--format", "csv", "--task", "binary", "--label", "y",
        "--score", "p", "--model-column", "m", "--output", out.toString()};
    assertEquals(0, run(args), cli.err());
    Files.writeString(out.resolve("model=c/notes.txt"), "the user's own");
    List<String> again = new ArrayList<>(List.of(args));
    again.addAll(List.of("--where", "m = 'a'"));
    assertEquals(0, run(again.toArray(new String[0])), cli.err());
    assertTrue(Files.exists(out.resolve("model=a/metrics.json")));
    assertFalse(Files.exists(out.resolve("model=b")), "b's report and folder are gone");
    assertFalse(Files.exists(out.resolve("model=c/metrics.json")), "c's report is gone");
    assertTrue(Files.exists(out.resolve("model=c/notes.txt")), "the user's file stays");
    assertFalse(Files.readString(out.resolve("report.html")).contains("model b"));
    List<String> once = new ArrayList<>(List.of(args).subList(0, args.length - 4));
    once.addAll(List.of("--output", out.toString()));
    assertEquals(0, run(once.toArray(new String[0])), cli.err());
    assertTrue(Files.exists(out.resolve("metrics.json")));
    assertFalse(Files.exists(out.resolve("model=a")), "a run without a model column has no model reports");
    assertEquals(0, run(args), cli.err());
    assertFalse(Files.exists(out.resolve("metrics.json")), "a run with a model column has a report per model");
    assertTrue(Files.exists(out.resolve("model=b/metrics.json")));
  }

  @Test
  void eachModelsRankingCountsItsWholeQueriesWhereSlicesSplitThem() throws Exception {
    // Model a: q1 ranks 0.9 (grade 1, kind x), 0.5 (0, y), 0.3 (2, x): first relevant at rank 1; q2 0.8 (0, x), 0.4
    // (1, x): rank 2. Whole queries: mrr (1 + 1/2) / 2 over 2 queries. Slice x: q1's x items (RR 1), q2 (RR 1/2);
    // slice y: q1's one item, not relevant (RR 0). Model b: q1 0.6 (0, y), 0.2 (1, x): rank 2, mrr 1/2.
    Path rows = Files.writeString(dir.resolve("ranked.csv"), "m,q,s,g,kind\na,q1,0.9,1,x\na,q1,0.5,0,y\n"
        + "a,q1,0.3,2,x\na,q2,0.8,0,x\na,q2,0.4,1,x\nb,q1,0.6,0,y\nb,q1,0.2,1,x\n");
    Path out = dir.resolve("ranked");
    assertEquals(0, run("evaluate", "--input", rows.toString(), "--format", "csv", "--task", "ranking", "--query", "q",
        "--score", "s", "--label", "g", "--model-column", "m", "--slice-by", "kind", "--output", out.toString()),
        cli.err());
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(out.resolve("model=a/metrics.json").toFile());
    assertEquals(2, a.get("rows").asLong(), "q1 and q2, each once");
    assertEquals((1 + 0.5) / 2, a.get("metrics").get("mrr").asDouble(), 1e-15);
    assertEquals((1 + 0.5) / 2, a.get("slices").get(0).get("metrics").get("mrr").asDouble(), 1e-15);
    assertEquals(0.0, a.get("slices").get(1).get("metrics").get("mrr").asDouble(), 0.0);
    JsonNode b = json.readTree(out.resolve("model=b/metrics.json").toFile());
    assertEquals(1, b.get("rows").asLong());
    assertEquals(0.5, b.get("metrics").get("mrr").asDouble(), 1e-15);
  }

  @Test
  void eachModelIsRefinedAsAWholeWithOrWithoutSlicesOfItsOwn() throws Exception {
    // Full-precision scores below 0.01: one pass leaves each model's ROC AUC bounds about 0.01 apart.
    java.util.Random r = new java.util.Random(29);
    StringBuilder csv = new StringBuilder("m,k,y,p\n");
    double[][][] byModel = new double[2][3][3000];
    for (int i = 0; i < 6000; i++) {
      int m = i % 2;
      int y = r.nextDouble() < 0.3 ? 1 : 0;
      double p = 0.01 * r.nextDouble() + (m == 0 ? 0.0004 * y : 0.0);
      csv.append(m == 0 ? "a" : "b").append(',').append(i % 3 == 0 ? "x" : "z").append(',').append(y).append(',')
          .append(p).append('\n');
      byModel[m][0][i / 2] = y;
      byModel[m][1][i / 2] = p;
      byModel[m][2][i / 2] = 1.0;
    }
    Path rows = Files.writeString(dir.resolve("models.csv"), csv);
    for (String sliced : List.of("k", "")) {
      Path out = dir.resolve("refined" + sliced);
      List<String> args = new ArrayList<>(List.of("evaluate", "--input", rows.toString(), "--format", "csv", "--task",
          "binary", "--label", "y", "--score", "p", "--model-column", "m", "--auc-tolerance", "1e-9", "--output",
          out.toString()));
      if (!sliced.isEmpty()) {
        args.addAll(List.of("--slice-by", sliced));
      }
      assertEquals(0, run(args.toArray(new String[0])), cli.err());
      assertModelsExact(out, byModel);
    }
  }

  private static void assertModelsExact(Path out, double[][][] byModel) throws Exception {
    for (int m = 0; m < 2; m++) {
      JsonNode metrics = new ObjectMapper().readTree(out.resolve("model=" + (m == 0 ? "a" : "b") + "/metrics.json")
          .toFile()).get("metrics");
      double auc = io.evalspark.metrics.Reference.rocAuc(byModel[m][0], byModel[m][1], byModel[m][2]);
      assertEquals(auc, metrics.get("roc_auc").asDouble(), 1e-9, "model " + m);
      assertTrue(metrics.get("roc_auc_lower").asDouble() <= auc + 1e-12 && auc <= metrics.get("roc_auc_upper").asDouble()
          + 1e-12 && metrics.get("roc_auc_upper").asDouble() - metrics.get("roc_auc_lower").asDouble() <= 1e-9,
          "model " + m + ": " + metrics);
      double ap = io.evalspark.metrics.Reference.averagePrecision(byModel[m][0], byModel[m][1], byModel[m][2]);
      assertEquals(ap, metrics.get("average_precision").asDouble(), 1e-9, "model " + m);
    }
  }

  @Test
  void eachModelsTableIsHeadedByItsModel() {
    assertEquals(0, run(binaryArgs("--model-column", "model")), cli.err());
    String out = cli.out();
    int v1 = out.indexOf("== evaluation (model v1)\nbinary evaluation: ");
    int v2 = out.indexOf("== evaluation (model v2)\nbinary evaluation: ");
    assertTrue(v1 >= 0 && v2 > v1, out);
  }

  @Test
  void aModelColumnOfNoRowsIsReportedAndGatedAsAnEvaluationOfNoRows() throws Exception {
    // --allow-empty on a day without rows: without a model column the gate fails on its undefined value;
    // with one, the evaluation had vanished from the console and the report, and its gates passed unchecked
    Path empty = Files.writeString(dir.resolve("empty.csv"), "model,label,score\n");
    Path out = dir.resolve("none");
    assertEquals(4, run("evaluate", "--input", empty.toString(), "--format", "csv", "--task", "binary", "--label",
        "label", "--score", "score", "--model-column", "model", "--allow-empty", "--gate", "roc_auc >= 0.5",
        "--output", out.toString()), cli.err());
    assertTrue(cli.out().contains("== evaluation (no rows, so no models)\nbinary evaluation: 0 rows"), cli.out());
    assertTrue(cli.out().contains("FAILED roc_auc >= 0.5 [evaluation evaluation (no rows, so no models), slice overall]:"
        + " value undefined"), cli.out());
    assertEquals(0, new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("rows").asLong());
    assertTrue(Files.readString(out.resolve("report.html")).contains("Evaluation evaluation (no rows, so no models)"));
  }

  @Test
  void aGatedMetricLeftOutOfMetricsIsStillRecordedForTheNextRunsPrevious() throws Exception {
    // metrics = [roc_auc] with a gate on log_loss against the previous run: the history held roc_auc alone,
    // so the gate was skipped every night ("previous run ... has no log_loss")
    String history = dir.resolve("history").toString();
    for (String day : List.of("2026-12-01", "2026-12-02")) {
      assertEquals(0, run(binaryArgs("--metrics", "roc_auc", "--gate", "log_loss <= previous + 2%", "--history", history,
          "--run-date", day)), cli.err());
    }
    assertTrue(cli.out().contains("PASSED log_loss <= previous + 2% [evaluation evaluation, slice overall]"), cli.out());
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("metrics");
    assertEquals(List.of("roc_auc", "log_loss"), iterable(metrics.fieldNames()));
  }

  @Test
  void theSliceLinesShowTheMetricsAsked() {
    assertEquals(0, run(binaryArgs("--slice-by", "model", "--metrics", "brier,ece")), cli.err());
    List<String> header = cli.out().lines().filter(l -> l.trim().startsWith("slice ")).toList();
    assertEquals(1, header.size(), cli.out());
    assertEquals(List.of("slice", "rows", "brier", "ece"), List.of(header.get(0).trim().split("\\s+")));
  }

  @Test
  void aFileNamedLikeAPatternThatDoesNotMatchItselfIsNamedWithTheEscapedPath() throws Exception {
    Path plain = Files.copy(Path.of(SAMPLE), dir.resolve("p1.csv"));
    for (String name : new String[] {"p[1].csv", "p{1}.csv"}) { // each a pattern that matches p1.csv, or nothing
      Path file = Files.writeString(dir.resolve(name), "label,score\n1,0.9\n0,0.1\n");
      List<String> args = new ArrayList<>(Arrays.asList(binaryArgs()));
      args.set(args.indexOf("--input") + 1, file.toString());
      assertEquals(3, run(args.toArray(new String[0])), name);
      String escaped = file.toString().replace("[", "\\[").replace("]", "\\]").replace("{", "\\{")
          .replace("}", "\\}");
      assertEquals("error: --input " + file + " exists, but Spark reads an input path as a pattern, in which [ ] { }"
          + " * ? are special, and as a pattern it does not name it; write a \\ before each of them to read it: "
          + escaped, cli.error());
      args.set(args.indexOf("--input") + 1, escaped);
      assertEquals(0, run(args.toArray(new String[0])), cli.err());
      assertEquals(2, new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).path("evaluated_rows")
          .asLong(), "the file itself, not " + plain);
    }
    Path star = Files.copy(Path.of(SAMPLE), dir.resolve("q*.csv")); // a pattern that matches itself: read as such
    List<String> args = new ArrayList<>(Arrays.asList(binaryArgs()));
    args.set(args.indexOf("--input") + 1, star.toString());
    assertEquals(0, run(args.toArray(new String[0])), cli.err());
  }

  @Test
  void aFilterThatFailsOnARowUnderAnsiModeIsNamedWithSparksReason() {
    String ansi = "spark.sql.ansi.enabled";
    String before = TestSpark.session().conf().get(ansi); // on in Spark 4 by default, off in 3.5
    TestSpark.session().conf().set(ansi, "true");
    try {
      // each failed as Spark's "Job aborted due to stage failure" (exit 1)
      Map<String, String> failing = Map.of("CAST(model AS INT) > 0", "[CAST_INVALID_INPUT] ",
          "score / 0 > 1", "[DIVIDE_BY_ZERO] ");
      for (Map.Entry<String, String> filter : failing.entrySet()) {
        assertEquals(2, run(binaryArgs("--where", filter.getKey())), cli.err());
        assertTrue(cli.error().startsWith("error: where = \"" + filter.getKey() + "\" of evaluation evaluation fails"
            + " on a row of its input: " + filter.getValue()), cli.error());
      }
      assertEquals(0, run(binaryArgs("--where", "try_cast(model AS INT) IS NULL")), cli.err());
    } finally {
      TestSpark.session().conf().set(ansi, before);
    }
  }

  @Test
  void aTrainingHistoryThatIsNoneIsRefusedInOneLine() throws Exception {
    Path cut = Files.writeString(dir.resolve("cut.json"), "{\"epoch\": [1, 2],\n \"loss\": [0.5,");
    assertEquals(3, run(binaryArgs("--training-history", cut.toString())));
    // the parser's own words vary with its version; the line says what, where, and what was expected
    String error = cli.error();
    assertTrue(error.startsWith("error: cannot read the training history " + cut + " of evaluation evaluation: not"
        + " JSON: Unexpected end-of-input"), error);
    assertTrue(error.matches(".* at line 2, column \\d+; training-history must name the history.json that train"
        + " wrote"), error);
    Path other = Files.writeString(dir.resolve("other.json"), "[1, 2]");
    assertEquals(3, run(binaryArgs("--training-history", other.toString())));
    assertEquals("error: cannot read the training history " + other + " of evaluation evaluation: it has no \"epoch\""
        + " list; training-history must name the history.json that train wrote", cli.error());
    // each failed drawing the report (exit 1), after the evaluation
    Map<String, String> uneven = Map.of("{\"epoch\": [1, 2], \"loss\": [0.5]}", "\"loss\" is a list of 1",
        "{\"epoch\": [1, 2], \"loss\": [0.5, 0.4], \"val_loss\": [0.5, 0.4, 0.3]}", "\"val_loss\" is a list of 3",
        "{\"epoch\": [1, 2], \"loss\": \"low\"}", "\"loss\" is no list");
    for (Map.Entry<String, String> history : uneven.entrySet()) {
      Path file = Files.writeString(dir.resolve("uneven.json"), history.getKey());
      assertEquals(3, run(binaryArgs("--training-history", file.toString())), history.getKey());
      assertEquals("error: cannot read the training history " + file + " of evaluation evaluation: its "
          + history.getValue() + ", where it has 2 epochs; training-history must name the history.json that train"
          + " wrote", cli.error());
    }
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    assertFalse(cli.err().contains("evaluating"), "refused before the evaluation, not after it: " + cli.err());
  }

  @Test
  void writesTheReportWithItsStableNames() throws Exception {
    assertEquals(0, run(binaryArgs("--weight", "weight", "--slice-by", "model", "--beta", "0.5")), cli.err());
    JsonNode report = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals("binary", report.get("task").asText());
    assertEquals(2000, report.get("rows").asLong());
    assertEquals(2000, report.get("evaluated_rows").asLong());
    assertEquals(0, report.get("invalid_rows").asLong());
    for (String name : BINARY_METRICS) {
      assertTrue(report.get("metrics").get(name).isNumber(), name);
    }
    assertTrue(report.get("metrics").get("fbeta").isNumber());
    assertEquals(report.get("curves").get("roc").get("fpr").size(), report.get("curves").get("roc").get("tpr").size());
    assertTrue(report.get("curves").get("pr").get("precision").size() <= 201);
    JsonNode slices = report.get("slices");
    assertEquals(2, slices.size());
    assertEquals(2000, slices.get(0).get("rows").asLong() + slices.get(1).get("rows").asLong());
    assertTrue(slices.get(0).get("key").has("model"));
    assertTrue(cli.out().contains("roc_auc"), cli.out());
    assertTrue(cli.out().contains("binary evaluation: 2000 rows, 2000 evaluated, 0 invalid"), cli.out());
  }

  @Test
  void countsInTheReportMatchTheSampleFile() throws Exception {
    assertEquals(0, run(binaryArgs()), cli.err());
    List<String> lines = Files.readAllLines(Path.of(SAMPLE));
    long tp = 0, fn = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      boolean positive = f[2].equals("1");
      boolean predicted = Double.parseDouble(f[3]) >= 0.5;
      tp += positive && predicted ? 1 : 0;
      fn += positive && !predicted ? 1 : 0;
    }
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("metrics");
    assertEquals(tp, m.get("tp").asLong());
    assertEquals(fn, m.get("fn").asLong());
  }

  @Test
  void aMetricNamedTwiceIsAUsageErrorAsAColumnNamedTwiceIs() {
    assertEquals(2, run(binaryArgs("--metrics", "roc_auc,accuracy", "--metrics", "roc_auc")));
    assertEquals("error: metrics in the evaluation of the command line names 'roc_auc' twice; name each metric once",
        cli.error());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("evaluate", "--task", "binary", "--label", "y", "--output", dir.toString()));
    assertTrue(cli.err().contains("--input") || cli.err().contains("--score"), cli.err());
    assertEquals(2, run(binaryArgs("--task", "clustering")));
    assertTrue(cli.err().contains("task (--task) must be one of binary, multiclass, regression, multilabel,"
        + " ranking; got 'clustering'"), cli.err());
    assertEquals(2, run(binaryArgs("--threshold", "1.5")));
    assertEquals(2, run(binaryArgs("--confidence", "95")));
    assertTrue(cli.err().contains("--confidence: the confidence level must be between 0 and 1 (for example 0.95),"
        + " got 95.0"), cli.err());
  }

  @Test
  void badDataExitsThreeAndWritesNothing() {
    assertEquals(3, run(binaryArgs("--label", "lable")));
    assertTrue(cli.err().contains("the label column 'lable' does not exist; the input has columns: model, day, label, score, weight"),
        cli.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing is written on failure");
    // The score used as the label: not 0/1 on nearly every row.
    assertEquals(3, run(binaryArgs("--label", "score")));
    assertTrue(cli.err().contains("label (column 'score') is not 0 or 1"), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aMissingInputIsSaidToBeMissingNotDamaged() {
    String missing = dir.resolve("no-such-predictions.csv").toString();
    assertEquals(3, run("evaluate", "--input", missing, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--output", dir.resolve("out").toString()));
    String error = cli.err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse("");
    assertEquals("error: --input " + missing + " does not exist", error, cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void regressionFromTheCommandLine() throws Exception {
    assertEquals(0, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "regression", "--label", "label",
        "--prediction", "score", "--huber-delta", "0.5", "--output", dir.resolve("out").toString()), cli.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("metrics");
    for (String name : List.of("mse", "rmse", "mae", "r2", "explained_variance", "mape", "max_error", "huber", "log_cosh",
        "msle", "poisson", "mean_poisson_deviance")) {
      assertTrue(m.get(name).isNumber(), name);
    }
    assertTrue(m.get("mean_gamma_deviance").isNull(), "the sample's labels of 0 are outside the Gamma deviance's domain");
  }

  @Test
  void readsACatalogTableAndJsonLines() throws Exception {
    org.apache.spark.sql.SparkSession spark = TestSpark.session();
    spark.read().option("header", "true").option("inferSchema", "true").csv(SAMPLE).createOrReplaceTempView("sample_predictions");
    assertEquals(0, run("evaluate", "--table", "sample_predictions", "--task", "binary", "--label", "label",
        "--score", "score", "--output", dir.resolve("table").toString()), cli.err());
    Path json = dir.resolve("json");
    spark.table("sample_predictions").write().json(json.toString());
    assertEquals(0, run("evaluate", "--input", json.toString(), "--format", "json", "--task", "binary", "--label", "label",
        "--score", "score", "--output", dir.resolve("fromjson").toString()), cli.err());
    JsonNode fromTable = new ObjectMapper().readTree(dir.resolve("table/metrics.json").toFile()).get("metrics");
    JsonNode fromJson = new ObjectMapper().readTree(dir.resolve("fromjson/metrics.json").toFile()).get("metrics");
    assertEquals(fromTable.get("tp").asLong(), fromJson.get("tp").asLong());
    assertEquals(fromTable.get("log_loss").asDouble(), fromJson.get("log_loss").asDouble(), 1e-12);
  }

  @Test
  void binsSizeEachClassesOneVsRestHistogram() throws Exception {
    Path input = dir.resolve("multiclass.json");
    // Class 0: positives at 0.6 and 0.2, negatives at 0.3 and 0.1: 3 of the 4 pairs in order, AUC 3/4. Classes 1
    // and 2: their one positive above every negative, AUC 1. In a single bin class 0's ranges overlap.
    Files.writeString(input, "{\"y\": 0, \"p\": [0.6, 0.3, 0.1]}\n{\"y\": 1, \"p\": [0.3, 0.5, 0.2]}\n"
        + "{\"y\": 0, \"p\": [0.2, 0.3, 0.5]}\n{\"y\": 2, \"p\": [0.1, 0.2, 0.7]}\n");
    double exact = (0.75 + 1 + 1) / 3;
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multiclass",
        "--label", "y", "--probabilities", "p", "--output", dir.resolve("default").toString()), cli.err());
    JsonNode fine = new ObjectMapper().readTree(dir.resolve("default/metrics.json").toFile()).get("metrics");
    assertEquals(exact, fine.get("macro_roc_auc_lower").asDouble(), 1e-15);
    assertEquals(exact, fine.get("macro_roc_auc_upper").asDouble(), 1e-15);
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multiclass",
        "--label", "y", "--probabilities", "p", "--bins", "1", "--output", dir.resolve("one").toString()), cli.err());
    JsonNode coarse = new ObjectMapper().readTree(dir.resolve("one/metrics.json").toFile()).get("metrics");
    assertTrue(coarse.get("macro_roc_auc_lower").asDouble() < exact, coarse.toString());
    assertTrue(coarse.get("macro_roc_auc_upper").asDouble() > exact, coarse.toString());
    assertEquals(2, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multiclass",
        "--label", "y", "--prediction", "y", "--bins", "100", "--output", dir.resolve("bad").toString()));
    assertTrue(cli.err().contains("--bins of a multiclass evaluation sizes the one-vs-rest histograms of"
        + " --probabilities"), cli.err());
  }

  @Test
  void multilabelInBothLayoutsFromTheCommandLine() throws Exception {
    Path input = dir.resolve("multilabel.json");
    // Row 1: true {1, 2}, predicted {2}; row 2: true {3}, predicted {3}. Indicators of labels a and b with scores.
    Files.writeString(input, "{\"t\": [1, 2], \"p\": [2], \"a\": 1, \"b\": false, \"sa\": 0.45, \"sb\": 0.3}\n"
        + "{\"t\": [3], \"p\": [3], \"a\": 0, \"b\": true, \"sa\": 0.2, \"sb\": 0.9}\n");
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multilabel",
        "--label", "t", "--prediction", "p", "--output", dir.resolve("arrays").toString()), cli.err());
    JsonNode arrays = new ObjectMapper().readTree(dir.resolve("arrays/metrics.json").toFile());
    assertEquals(0.5, arrays.get("metrics").get("subset_accuracy").asDouble(), 1e-15);
    assertEquals((0.5 + 1) / 2, arrays.get("metrics").get("accuracy").asDouble(), 1e-15);
    assertEquals(1.0 / 3 / 2, arrays.get("metrics").get("hamming_loss").asDouble(), 1e-15); // 1 wrong of 3 labels
    assertEquals("1", arrays.get("per_label").get(0).get("label").asText());
    assertEquals(0.0, arrays.get("per_label").get(0).get("recall").asDouble());
    assertFalse(arrays.get("metrics").has("micro_roc_auc"), "no scores, no ranking metrics");
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multilabel",
        "--labels", "a,b", "--scores", "sa,sb", "--threshold", "0.4", "--output", dir.resolve("scores").toString()),
        cli.err());
    JsonNode scores = new ObjectMapper().readTree(dir.resolve("scores/metrics.json").toFile());
    // Predicted: row 1 {a} (0.45 >= 0.4), row 2 {b}: both exact.
    assertEquals(1.0, scores.get("metrics").get("subset_accuracy").asDouble(), 1e-15);
    assertEquals(1.0, scores.get("metrics").get("macro_roc_auc").asDouble(), 1e-15);
    // Every pair: positives 0.45 and 0.9 against negatives 0.3 and 0.2: all ordered.
    assertEquals(1.0, scores.get("metrics").get("micro_roc_auc").asDouble(), 1e-15);
    assertEquals("b", scores.get("per_label").get(1).get("label").asText());
    assertEquals(2, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "multilabel",
        "--labels", "a,b", "--scores", "sa", "--output", dir.resolve("bad").toString()));
    assertTrue(cli.err().contains("--scores must name one column per --labels column"), cli.err());
  }

  @Test
  void rankingWithCutOffsFromTheCommandLine() throws Exception {
    Path input = dir.resolve("ranking.json");
    // Query 1: relevant {3, 8}, predicted [8, 1, 3]; query 2: relevant {5}, predicted [2, 5].
    Files.writeString(input, "{\"rel\": [3, 8], \"pred\": [8, 1, 3]}\n{\"rel\": [5], \"pred\": [2, 5]}\n");
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "ranking",
        "--label", "rel", "--prediction", "pred", "--k", "1,2", "--metrics", "precision_at_1,ndcg_at_2,mrr",
        "--output", dir.resolve("ranking").toString()), cli.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("ranking/metrics.json").toFile()).get("metrics");
    assertEquals(List.of("precision_at_1", "ndcg_at_2", "mrr"), iterable(m.fieldNames()));
    assertEquals((1 + 0) / 2.0, m.get("precision_at_1").asDouble(), 1e-15);
    double q2 = (1 / (Math.log(3) / Math.log(2))) / 1.0; // its one relevant item at rank 2, ideal at rank 1
    assertEquals((1 / (1 + Math.log(2) / Math.log(3)) + q2) / 2, m.get("ndcg_at_2").asDouble(), 1e-15);
    assertEquals((1 + 0.5) / 2, m.get("mrr").asDouble(), 1e-15);
    assertEquals(2, run("evaluate", "--input", input.toString(), "--format", "json", "--task", "ranking",
        "--label", "rel", "--prediction", "pred", "--k", "2", "--metrics", "ndcg_at_3", "--output",
        dir.resolve("bad").toString()));
    assertTrue(cli.err().contains("ndcg_at_3"), cli.err());
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  @Test
  void bothInputAndTableIsAUsageError() {
    assertEquals(2, run(binaryArgs("--table", "t")));
    assertTrue(cli.err().contains("needs exactly one of input (--input PATH) and table (--table NAME)"), cli.err());
  }

  @Test
  void optionsThatDoNotApplyToTheTaskAreUsageErrors() throws Exception {
    assertEquals(2, run(binaryArgs("--top-k", "3")));
    assertTrue(cli.err().contains("--top-k applies to multiclass evaluations, not to a binary one"), cli.err());
    assertEquals(2, run(binaryArgs("--num-classes", "3")));
    assertEquals(2, run(binaryArgs("--huber-delta", "2")));
    assertTrue(cli.err().contains("--huber-delta applies to regression evaluations"), cli.err());
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "regression", "--label", "label",
        "--score", "score", "--prediction", "weight", "--output", dir.resolve("out").toString()));
    assertTrue(cli.err().contains("from --prediction or --score, not both"), cli.err());
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "regression", "--label", "label",
        "--prediction", "score", "--threshold", "0.3", "--output", dir.resolve("out").toString()));
    String binarySetting = "a binary setting (--threshold, --from-logits, --bins, --beta, --curve-points, --at,"
        + " --focal-gamma, --focal-alpha) applies to binary evaluations, not to a regression one";
    assertTrue(cli.err().contains(binarySetting), cli.err());
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "regression", "--label", "label",
        "--prediction", "score", "--at", "recall=0.9", "--output", dir.resolve("out").toString()));
    assertTrue(cli.err().contains(binarySetting), "the list names the --at given: " + cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aTopKOrClassCountOfZeroIsRefusedNotTakenForNone() throws Exception {
    // 0 is how the spec says "not given" inside; given on the command line it would drop top_0_accuracy unsaid
    String[] multiclass = {"evaluate", "--input", SAMPLE, "--format", "csv", "--task", "multiclass", "--label",
        "label", "--probabilities", "score,weight", "--output", dir.resolve("out").toString()};
    String[] topK = java.util.stream.Stream.concat(Arrays.stream(multiclass), java.util.stream.Stream.of("--top-k",
        "0")).toArray(String[]::new);
    assertEquals(2, run(topK));
    assertTrue(cli.error().startsWith("error: --top-k must be >= 1, got 0"), cli.err());
    String[] classes = java.util.stream.Stream.concat(Arrays.stream(multiclass), java.util.stream.Stream.of(
        "--num-classes", "0")).toArray(String[]::new);
    assertEquals(2, run(classes));
    assertTrue(cli.error().startsWith("error: --num-classes must be from 1 to 1000"), cli.err());
    assertTrue(cli.error().contains(", got 0 "), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  /** A class count whose confusion matrix could not be held (its K x K cells overflowed an int) is refused. */
  @Test
  void aClassCountBeyondTheMostIsRefused() {
    String[] args = {"evaluate", "--input", SAMPLE, "--format", "csv", "--task", "multiclass", "--label", "label",
        "--prediction", "label", "--num-classes", "1000000000", "--output", dir.resolve("out").toString()};
    assertEquals(2, run(args));
    assertEquals("error: --num-classes must be from 1 to 1000 (a confusion matrix of K x K cells is held on the driver"
        + " and written to metrics.json), got 1000000000 (in the evaluation of the command line)", cli.error());
    args[args.length - 3] = "1000";
    assertEquals(0, run(args), cli.err());
  }

  @Test
  void aBetaFocalAlphaOrTargetThatIsNoNumberIsRefusedNotTakenForNone() {
    // NaN is how the settings say "no fbeta" or "no class balancing": given, it dropped what it asked for
    assertEquals(2, run(binaryArgs("--beta", "NaN")));
    assertEquals("error: beta must be a positive finite number, got NaN (in the evaluation of the command line)",
        cli.error());
    assertEquals(2, run(binaryArgs("--focal-alpha", "NaN")));
    assertEquals("error: focal alpha must be in [0, 1], got NaN (in the evaluation of the command line)", cli.error());
    assertEquals(2, run(binaryArgs("--at", "recall=NaN")));
    assertEquals("error: at (--at) recall=NaN: an operating point's target must be in (0, 1], got NaN", cli.error());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  /** The sample's rows as {label, score, weight}. */
  private static List<double[]> sampleRows() throws Exception {
    List<double[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of(SAMPLE));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      rows.add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
    }
    return rows;
  }

  @Test
  void lossesAsMetricsWithTheFocalSettingsOfTheCommandLine() throws Exception {
    assertEquals(0, run(binaryArgs("--weight", "weight", "--focal-gamma", "1.5", "--focal-alpha", "0.25")), cli.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("metrics");
    // From the definitions, over the sample's rows: labels 0/1 read as -1/1 by the hinges, which read the
    // probability as given; focal: a_t (1 - p_t)^gamma (-log p_t).
    double weight = 0;
    double hinge = 0;
    double squaredHinge = 0;
    double focal = 0;
    for (double[] row : sampleRows()) {
      double y = row[0];
      double p = row[1];
      double w = row[2];
      double gap = Math.max(0, 1 - (y == 1 ? p : -p));
      double pTrue = y == 1 ? p : 1 - p;
      weight += w;
      hinge += w * gap;
      squaredHinge += w * gap * gap;
      focal += w * (y == 1 ? 0.25 : 0.75) * Math.pow(1 - pTrue, 1.5) * -Math.log(Math.max(pTrue, 1e-15));
    }
    assertEquals(hinge / weight, m.get("hinge").asDouble(), 1e-12);
    assertEquals(squaredHinge / weight, m.get("squared_hinge").asDouble(), 1e-12);
    assertEquals(focal / weight, m.get("focal_loss").asDouble(), 1e-12);
    assertEquals(2, run(binaryArgs("--focal-alpha", "1.5")));
    assertTrue(cli.err().lines().findFirst().orElse("").contains("focal alpha must be in [0, 1], got 1.5"), cli.err());
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "regression", "--label", "label",
        "--prediction", "score", "--focal-gamma", "1", "--output", dir.resolve("out").toString()));
    assertTrue(cli.err().contains("--focal-gamma"), cli.err());
  }

  @Test
  void metricsOfOnesOwnFromTheCommandLine() throws Exception {
    assertEquals(0, run(binaryArgs("--weight", "weight", "--metric", "err=abs(y - p) * 1000", "--metric",
        "sq=square(y - p)", "--metrics", "roc_auc,err,sq")), cli.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("metrics");
    double weight = 0;
    double err = 0;
    double sq = 0;
    for (double[] row : sampleRows()) {
      double e = row[0] - row[1];
      double w = row[2];
      weight += w;
      err += w * Math.abs(e) * 1000;
      sq += w * e * e;
    }
    assertEquals(err / weight, m.get("err").asDouble(), 1e-9);
    assertEquals(sq / weight, m.get("sq").asDouble(), 1e-12);
    assertEquals(3, m.size(), "--metrics chooses among the task's and one's own");
    assertEquals(2, run(binaryArgs("--metric", "err=abs(y - ")));
    assertTrue(cli.err().lines().findFirst().orElse("").contains("--metric: custom metric err's formula"), cli.err());
  }

  @Test
  void weightsThatAddUpBeyondADoubleAreRefused() throws Exception {
    // two rows of weight 1e308: the total overflowed, and log_loss and brier came out as 0 (finite sums over an
    // infinite weight) beside an infinite average precision, with exit 0
    Path p = dir.resolve("heavy");
    TestSpark.session().sql("select * from values (1, 0.9D, 1e308D), (0, 0.2D, 1e308D), (1, 0.6D, 1.0D) as t(y, s, w)")
        .write().parquet(p.toString());
    Path out = dir.resolve("out-heavy");
    assertEquals(3, run("evaluate", "--input", p.toString(), "--task", "binary", "--label", "y", "--score", "s",
        "--weight", "w", "--output", out.toString()), cli.err());
    assertEquals("error: weights too large in evaluation evaluation: the weights of its 3 evaluated rows (the weight"
        + " column 'w') add up to more than a double holds (about 1.8e308), which leaves every metric undefined;"
        + " divide the weight column by a constant (the metrics do not change)", cli.error());
    assertFalse(Files.exists(out));
  }

  @Test
  void rowsThatAllWeighNothingAreRefusedAsNothingToEvaluate() throws Exception {
    // a weight column of zeros (impressions lost upstream) left every metric undefined, and exit 0 without gates
    Path p = dir.resolve("weightless");
    TestSpark.session().sql("select cast(id % 2 as int) as y, 0.3 + 0.4 * (id % 2) as s, cast(id % 3 as int) as k,"
        + " array(cast(id % 2 as double)) as items, 0.0 as w from range(40)").write().parquet(p.toString());
    String[][] tasks = {
      {"binary", "--score", "s"},
      {"regression", "--prediction", "s"},
      {"multiclass", "--prediction", "k"},
      {"multilabel", "--prediction", "items"},
      {"ranking", "--prediction", "items"},
    };
    for (String[] t : tasks) {
      String label = t[0].equals("multilabel") || t[0].equals("ranking") ? "items" : t[0].equals("multiclass") ? "k" : "y";
      String[] args = {"evaluate", "--input", p.toString(), "--task", t[0], "--label", label, t[1], t[2], "--weight", "w",
          "--output", dir.resolve("out-" + t[0]).toString()};
      assertEquals(3, run(args), t[0] + ": " + cli.err());
      assertEquals("error: nothing to evaluate in evaluation evaluation: all 40 of its evaluated rows weigh 0 (the weight"
          + " column 'w'); give --allow-empty (allow-empty = true) to write a report of undefined metrics instead",
          cli.error(), t[0]);
      assertFalse(Files.exists(dir.resolve("out-" + t[0])), t[0]);
      List<String> allowed = new ArrayList<>(Arrays.asList(args));
      allowed.add("--allow-empty");
      assertEquals(0, run(allowed.toArray(new String[0])), t[0] + ": " + cli.err());
    }
  }

  @Test
  void theConsoleShowsTheFirstHundredSlicesAndSaysHowManyMoreTheReportsHold() throws Exception {
    Path p = dir.resolve("many");
    // every row's probability of its own label is 0.7 (log loss 0.357), but in slice 0, where it is 0.3 (1.204)
    TestSpark.session().sql("select cast(id % 2 as int) as y, if(id % 150 = 0, 0.7 - 0.4 * (id % 2),"
        + " 0.3 + 0.4 * (id % 2)) as s, id % 150 as seg from range(600)").write().parquet(p.toString());
    assertEquals(4, run("evaluate", "--input", p.toString(), "--task", "binary", "--label", "y", "--score", "s",
        "--slice-by", "seg", "--gate", "log_loss <= 0.7 per slice", "--output", dir.resolve("out").toString()),
        cli.err());
    assertEquals(100, cli.out().lines().filter(l -> l.startsWith("  seg=")).count(), cli.out());
    assertTrue(cli.out().contains("\n  ... and 50 more slices (every slice is in metrics.json and report.html)\n"),
        cli.out());
    // a gate on 151 slices (the overall one too): its failure a line, its passes counted
    List<String> gates = cli.out().lines().filter(l -> l.contains("log_loss <= 0.7 per slice")).toList();
    assertEquals(2, gates.size(), cli.out());
    assertTrue(gates.get(0).startsWith("  FAILED log_loss <= 0.7 per slice [evaluation evaluation, slice seg=0]: value"
        + " 1.20397"), gates.get(0));
    assertEquals("  PASSED log_loss <= 0.7 per slice [evaluation evaluation]: 150 of its 151 checks (each in"
        + " report.html)", gates.get(1));
    // a gate that every slice fails: the first 100 failures a line, on the console and in the error, then a count
    assertEquals(4, run("evaluate", "--input", p.toString(), "--task", "binary", "--label", "y", "--score", "s",
        "--slice-by", "seg", "--gate", "log_loss <= 0.1 per slice", "--output", dir.resolve("out2").toString()));
    List<String> failed = cli.out().lines().filter(l -> l.startsWith("  FAILED log_loss <= 0.1 per slice")).toList();
    assertEquals(101, failed.size(), cli.out());
    assertEquals("  FAILED log_loss <= 0.1 per slice [evaluation evaluation]: another 51 of its 151 checks (each in"
        + " report.html)", failed.get(100));
    List<String> error = cli.err().lines().dropWhile(l -> !l.startsWith("error:")).toList();
    assertEquals("error: 151 gate checks failed:", error.get(0));
    assertEquals(102, error.size(), cli.err());
    assertEquals("  ... and 51 more failed checks (each in report.html)", error.get(101));
    JsonNode report = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(150, report.get("slices").size());
  }

  @Test
  void anOutputThatIsAFileIsAUsageErrorThatSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--output", file.toString()));
    assertTrue(cli.err().contains("is a file, not a folder"), cli.err());
    // a folder to be made under a file, for the reports or the history: refused before the evaluation, not after
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--output", file.resolve("out").toString()));
    assertEquals("error: --output " + file.resolve("out") + " cannot be made: " + file.toUri().toString()
        .replace("file:///", "file:/") + " is a file, not a folder", cli.error());
    assertFalse(cli.err().contains("evaluating"), cli.err());
    assertEquals(2, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--output", dir.resolve("reports").toString(), "--history", file.resolve("h").toString()));
    assertTrue(cli.error().startsWith("error: --history " + file.resolve("h") + " cannot be made: "), cli.err());
    assertFalse(Files.exists(dir.resolve("reports")));
  }
}
