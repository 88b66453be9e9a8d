package io.evalspark.jobfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  private static final String TWO = String.join("\n",
      "# shared by both evaluations",
      "task = binary",
      "label = clicked",
      "run-date = ${?RUN_DATE}",
      "output = \"/reports/\"${run-date}",
      "history = /data/history",
      "windows = [7, 30]",
      "vars { root = /data/predictions }",
      "evaluations = [",
      "  { name = ctr, model = ctr-v7, input = ${vars.root}\"/ctr/date=\"${run-date}, score = p,",
      "    slice-by = [country, device], gates = [\"roc_auc >= 0.85\", \"log_loss <= previous + 2% per slice\"] }",
      "  { name = ctr-old, table = db.preds, score = p_old, threshold = 0.3, slice-by = \"country, device\" }",
      "]");

  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("job.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsEvaluationsWithSharedKeysAndTheRunDateFromTheEnvironment() throws Exception {
    RunConfig run = RunConfig.read(file(TWO), Map.of(), null, Map.of("RUN_DATE", "2026-11-20"), TODAY);
    assertEquals(LocalDate.of(2026, 11, 20), run.runDate());
    assertEquals("/reports/2026-11-20", run.output());
    assertEquals("/data/history", run.history());
    assertTrue(run.keepStates(), "windows need the stored states");
    assertEquals(List.of(7, 30), run.windows());
    assertEquals(2, run.evaluations().size());
    EvaluationConfig ctr = run.evaluations().get(0);
    assertEquals("ctr-v7", ctr.model());
    assertEquals("/data/predictions/ctr/date=2026-11-20", ctr.input());
    assertEquals(Task.BINARY, ctr.spec().task());
    assertEquals("clicked", ctr.spec().label());
    assertEquals(0.5, ctr.spec().binary().threshold());
    assertEquals(List.of("country", "device"), ctr.spec().sliceBy());
    assertEquals(2, ctr.gates().size());
    assertTrue(ctr.gates().get(1).perSlice());
    EvaluationConfig old = run.evaluations().get(1);
    assertEquals("ctr-old", old.model(), "the model defaults to the evaluation's name");
    assertEquals("db.preds", old.table());
    assertNull(old.input());
    assertEquals(0.3, old.spec().binary().threshold());
    assertEquals(List.of("country", "device"), old.spec().sliceBy(), "a comma string is a list too");
    assertEquals("/reports/2026-11-20/ctr-old", run.outputOf(old, old.model()));
    assertTrue(!run.historyIsTable());
  }

  @Test
  void withoutRunDateInTheEnvironmentTheRunIsToday() throws Exception {
    RunConfig run = RunConfig.read(file(TWO), Map.of(), null, Map.of(), TODAY);
    assertEquals(TODAY, run.runDate());
    assertEquals("/data/predictions/ctr/date=2026-11-22", run.evaluations().get(0).input());
  }

  @Test
  void flagsOverrideTheFileInEveryEvaluation() throws Exception {
    RunConfig run = RunConfig.read(file(TWO), Map.of("threshold", 0.7, "run-date", "2026-01-02", "history", "db.hist"),
        "ctr-old", Map.of("RUN_DATE", "2026-11-20"), TODAY);
    assertEquals(LocalDate.of(2026, 1, 2), run.runDate(), "the flag beats the environment");
    assertEquals("/reports/2026-01-02", run.output(), "substitutions see the overridden date");
    assertEquals(1, run.evaluations().size());
    assertEquals(0.7, run.evaluations().get(0).spec().binary().threshold());
    assertTrue(run.historyIsTable());
  }

  @Test
  void anEvaluationNameThatIsNoFolderNameIsRefused() throws Exception {
    for (String name : List.of("../../outside", "a/b", "c:d", "..", ".", "", "é".repeat(128))) { // 256 bytes
      Path job = file("output = out\ninput = p.parquet\ntask = binary\nlabel = y\nscore = p\n"
          + "evaluations = [{ name = \"" + name + "\" }]\n");
      String m = assertThrows(UsageException.class, () -> RunConfig.read(job, Map.of(), null, Map.of(), TODAY))
          .getMessage();
      assertTrue(m.endsWith("names an evaluation '" + name + "', which is not a folder name: a name is its folder"
          + " under output, so it cannot be empty, '.' or '..', hold '/', '\\' or ':', or be longer than 255"
          + " bytes"), m);
    }
    Path fine = file("output = out\ninput = p.parquet\ntask = binary\nlabel = y\nscore = p\n"
        + "evaluations = [{ name = \"ctr v2.1-final\" }]\n");
    RunConfig run = RunConfig.read(fine, Map.of(), null, Map.of(), TODAY);
    assertEquals("out/ctr v2.1-final", run.outputOf(run.evaluations().get(0)));
  }

  @Test
  void anEmptyListOfEvaluationsIsRefusedAsNoEvaluation() throws Exception {
    // it was read as "--evaluation null" naming none of no evaluations
    Path job = file("output = out\ninput = p.parquet\ntask = binary\nlabel = y\nscore = p\nevaluations = [ ]\n");
    String m = assertThrows(UsageException.class, () -> RunConfig.read(job, Map.of(), null, Map.of(), TODAY))
        .getMessage();
    assertEquals(job + " has evaluations = [ ], which is no evaluation; give each as a { ... } block, or leave the"
        + " key out for a file that is one evaluation", m);
  }

  @Test
  void aSliceColumnIsNamedOnceAndNeverAsTheModelColumn() throws Exception {
    Map<String, Object> flags = Map.of("task", "binary", "label", "y", "score", "p", "input", "p.parquet",
        "output", "out", "slice-by", "country,device,country");
    String twice = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(twice.startsWith("--slice-by names 'country' twice; name each column once"), twice);
    Path job = file("output = out\ninput = p.parquet\ntask = binary\nlabel = y\nscore = p\n"
        + "evaluations = [{ name = ctr, model-column = m, slice-by = [country, m] }]\n");
    String model = assertThrows(UsageException.class, () -> RunConfig.read(job, Map.of(), null, Map.of(), TODAY))
        .getMessage();
    assertTrue(model.endsWith("slices by its model column 'm' as well (slice-by); each model is evaluated on its own"
        + " already, so leave it out of slice-by"), model);
  }

  @Test
  void aWindowIsNamedOnce() {
    Map<String, Object> flags = Map.of("task", "binary", "label", "y", "score", "p", "input", "p.parquet",
        "output", "out", "history", "h", "windows", "7,30,7");
    String m = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY))
        .getMessage();
    assertEquals("windows names '7' twice; name each window once", m);
  }

  @Test
  void aModelsFolderNameEscapesWhatAPathWouldReadAsItsOwn() {
    assertEquals("v1.2-final", RunConfig.folderName("v1.2-final"));
    // '.' is 0x2E and stays; '/' is 0x2F, '\\' 0x5C, ':' 0x3A, '=' 0x3D, '%' 0x25, a tab 0x09
    assertEquals("..%2F..%2Fx", RunConfig.folderName("../../x"));
    assertEquals("a%5Cb%3Ac%3Dd", RunConfig.folderName("a\\b:c=d"));
    assertEquals("50%25%09x", RunConfig.folderName("50%\tx"));
  }

  @Test
  void theFlagsAloneDescribeOneEvaluation() {
    RunConfig run = RunConfig.read(null, Map.of("task", "regression", "label", "y", "score", "yhat",
        "input", "p.parquet", "output", "out"), null, Map.of(), TODAY);
    assertEquals(1, run.evaluations().size());
    assertEquals("yhat", run.evaluations().get(0).spec().prediction());
    assertEquals("out", run.outputOf(run.evaluations().get(0), "any"));
  }

  @Test
  void runKeysThatCannotWorkAreUsageErrors() {
    Map<String, Object> one = Map.of("task", "binary", "label", "y", "score", "p", "input", "p.parquet");
    Map<String, Object> noOutput = new HashMap<>(one);
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(null, noOutput, null, Map.of(), TODAY))
        .getMessage().contains("an output directory is needed"));
    Map<String, Object> statesWithoutHistory = new HashMap<>(one);
    statesWithoutHistory.put("output", "out");
    statesWithoutHistory.put("windows", List.of(7));
    assertTrue(assertThrows(UsageException.class,
        () -> RunConfig.read(null, statesWithoutHistory, null, Map.of(), TODAY))
        .getMessage().contains("keep-states, windows and drift-baseline need a history"));
    Map<String, Object> dayWindow = new HashMap<>(statesWithoutHistory);
    dayWindow.put("history", "/h");
    dayWindow.put("windows", List.of(1));
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(null, dayWindow, null, Map.of(), TODAY))
        .getMessage().contains("windows must be between 2 and 366 days, got 1"));
    Map<String, Object> twoModels = new HashMap<>(one);
    twoModels.put("output", "out");
    twoModels.put("model", "a");
    twoModels.put("model-column", "m");
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(null, twoModels, null, Map.of(), TODAY))
        .getMessage().contains("has both model and model-column"));
    Map<String, Object> baselineGate = new HashMap<>(one);
    baselineGate.put("output", "out");
    baselineGate.put("gates", List.of("roc_auc >= baseline"));
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(null, baselineGate, null, Map.of(), TODAY))
        .getMessage().contains("but baseline-model is not set"));
    Map<String, Object> unknownMetric = new HashMap<>(one);
    unknownMetric.put("output", "out");
    unknownMetric.put("gates", List.of("rmse <= 1"));
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(null, unknownMetric, null, Map.of(), TODAY))
        .getMessage().contains("gate 'rmse <= 1' in the evaluation of the command line names no binary metric"));
  }

  @Test
  void anOperatingPointNotAskedForOrWrittenOtherwiseSaysWhatToGive() {
    Map<String, Object> one = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y", "score", "p",
        "output", "out"));
    Map<String, Object> gate = new HashMap<>(one);
    gate.put("gates", List.of("precision_at_recall_0.9 >= 0.5"));
    String message = assertThrows(UsageException.class, () -> RunConfig.read(null, gate, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.startsWith("gate 'precision_at_recall_0.9 >= 0.5' in the evaluation of the command line names no"
        + " binary metric (its target is not asked for: give --at recall=0.9, at = [\"recall=0.9\"] in a job file);"),
        message);
    Map<String, Object> written = new HashMap<>(one);
    written.put("at", List.of("recall=0.9"));
    written.put("metrics", List.of("threshold_at_precision_at_recall_0.90"));
    message = assertThrows(UsageException.class, () -> RunConfig.read(null, written, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.contains("names 'threshold_at_precision_at_recall_0.90', which is no binary metric (it is written"
        + " threshold_at_precision_at_recall_0.9, as --at recall=0.9 names it);"), message);
  }

  @Test
  void aGateOnThePreviousRunNeedsAHistory() {
    // without one, the gate was skipped every night as "no run before", and never checked
    Map<String, Object> flags = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y", "score", "p",
        "output", "out", "gates", List.of("roc_auc >= 0.5", "log_loss <= previous + 2%")));
    UsageException e = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY));
    assertEquals("gate 'log_loss <= previous + 2%' of evaluation evaluation compares with the previous run, which only"
        + " a history holds: give --history PATH|TABLE (history = ...), or the gate is never checked", e.getMessage());
    flags.put("history", "hist");
    assertEquals(2, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
    // score drift against the previous run needs its stored states, and against the baseline days those days
    flags.put("gates", List.of("psi_vs_previous <= 0.2"));
    e = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY));
    assertEquals("gate 'psi_vs_previous <= 0.2' of evaluation evaluation compares the scores with the previous run's,"
        + " which only a history that keeps states holds: give --history PATH|TABLE and --keep-states, or the gate is"
        + " never checked", e.getMessage());
    flags.put("keep-states", true);
    assertEquals(1, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
    flags.put("gates", List.of("ks_vs_baseline_positive <= 0.05"));
    e = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY));
    assertTrue(e.getMessage().startsWith("gate 'ks_vs_baseline_positive <= 0.05' of evaluation evaluation compares the"
        + " scores with the drift baseline: give --drift-baseline DAYS"), e.getMessage());
    flags.put("drift-baseline", 7);
    assertEquals(1, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
  }

  @Test
  void aGateOnABaselineModelThatNothingCouldHoldIsRefused() {
    // a misspelt baseline-model without a history: skipped every night as "not in this run"
    Map<String, Object> flags = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y", "score", "p",
        "output", "out", "model", "v7", "baseline-model", "v66", "gates", List.of("roc_auc >= baseline - 0.01")));
    UsageException e = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY));
    assertEquals("gate 'roc_auc >= baseline - 0.01' of evaluation evaluation compares with the baseline model v66,"
        + " which no evaluation of this run evaluates (its models: v7) and only a history could hold: name one of its"
        + " models, or give --history PATH|TABLE, or the gate is never checked", e.getMessage());
    flags.put("history", "hist"); // another job may have recorded v66 today
    assertEquals(1, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
    flags.remove("history");
    flags.remove("model");
    flags.put("model-column", "m"); // v66 may be one of its values
    assertEquals(1, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
  }

  @Test
  void anotherNameOfAMetricSaysTheNameItIsReportedUnder() {
    // Keras's names, which train watches, are one metric's second name: the report and history have one
    Map<String, Object> binary = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y", "score", "p",
        "output", "out", "gates", List.of("AUC >= 0.5")));
    String message = assertThrows(UsageException.class, () -> RunConfig.read(null, binary, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.startsWith("gate 'AUC >= 0.5' in the evaluation of the command line names no binary metric (it"
        + " is reported and recorded as roc_auc: write roc_auc);"), message);
    Map<String, Object> regression = new HashMap<>(Map.of("input", "p.csv", "task", "regression", "label", "y",
        "prediction", "p", "output", "out", "metrics", List.of("mean_squared_error")));
    message = assertThrows(UsageException.class, () -> RunConfig.read(null, regression, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.contains("names 'mean_squared_error', which is no regression metric (it is reported and"
        + " recorded as mse: write mse);"), message);
  }

  @Test
  void aMetricAtACutOffNotAskedForSaysWhichOptionGivesIt() {
    Map<String, Object> ranking = new HashMap<>(Map.of("input", "p.csv", "task", "ranking", "label", "rel",
        "prediction", "items", "output", "out", "gates", List.of("ndcg_at_5 >= 0.5")));
    String message = assertThrows(UsageException.class, () -> RunConfig.read(null, ranking, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.startsWith("gate 'ndcg_at_5 >= 0.5' in the evaluation of the command line names no ranking"
        + " metric (its K is not asked for: give --k 5, k = [5] in a job file);"), message);
    Map<String, Object> multiclass = new HashMap<>(Map.of("input", "p.csv", "task", "multiclass", "label", "y",
        "probabilities", List.of("probs"), "output", "out", "metrics", List.of("top_2_accuracy")));
    message = assertThrows(UsageException.class, () -> RunConfig.read(null, multiclass, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.contains("names 'top_2_accuracy', which is no multiclass metric (its K is not asked for: give"
        + " --top-k 2, top-k = 2 in a job file);"), message);
    ranking.put("gates", List.of("ndcg_at_99999999999 >= 0.5")); // a K beyond an int failed as Java's own error
    message = assertThrows(UsageException.class, () -> RunConfig.read(null, ranking, null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.startsWith("metric ndcg_at_99999999999: K 99999999999 is too large"), message);
  }

  @Test
  void aBlankModelNameIsRefused() {
    for (String key : new String[] {"model", "baseline-model"}) {
      for (String blank : new String[] {"", " ", "\t"}) {
        Map<String, Object> flags = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y",
            "score", "p", "output", "out", key, blank));
        String message = assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY))
            .getMessage();
        assertTrue(message.startsWith(key + " (--" + key + ") in the evaluation of the command line is blank; give a"
            + " model's name"), message);
      }
    }
  }

  @Test
  void aGateGivenTwiceIsRefusedHoweverWritten() {
    Map<String, Object> flags = new HashMap<>(Map.of("input", "p.csv", "task", "binary", "label", "y", "score", "p",
        "output", "out", "gates", List.of("roc_auc >= 0.5", "log_loss <= 1", "roc_auc>=.5")));
    assertEquals("gates in the evaluation of the command line give the gate 'roc_auc >= 0.5' twice (again as"
        + " 'roc_auc>=.5'); give each gate once",
        assertThrows(UsageException.class, () -> RunConfig.read(null, flags, null, Map.of(), TODAY)).getMessage());
    flags.put("gates", List.of("roc_auc >= 0.5", "roc_auc >= 0.5 per slice", "roc_auc > 0.5", "roc_auc >= 0.6"));
    assertEquals(4, RunConfig.read(null, flags, null, Map.of(), TODAY).evaluations().get(0).gates().size());
  }

  @Test
  void anEvaluationNamedAsTheRunsReportIsRefused() throws Exception {
    Path f = file("output = out\nevaluations = [ { name = report.html, input = p.csv, task = binary, label = y,"
        + " score = p } ]\n");
    String message = assertThrows(UsageException.class, () -> RunConfig.read(f, Map.of(), null, Map.of(), TODAY))
        .getMessage();
    assertTrue(message.endsWith(" names an evaluation 'report.html', the name of the run's report in output; give the"
        + " evaluation another name"), message);
  }

  @Test
  void anUnknownKeyIsNamedWithItsLine() throws Exception {
    Path f = file(TWO.replace("threshold = 0.3", "treshold = 0.3"));
    UsageException e = assertThrows(UsageException.class, () -> RunConfig.read(f, Map.of(), null, Map.of(), TODAY));
    assertTrue(e.getMessage().contains("unknown key 'treshold' in evaluation 'ctr-old'"), e.getMessage());
    assertTrue(e.getMessage().contains("line 12"), e.getMessage());
  }

  @Test
  void aWrongTypeSaysWhatWasExpected() throws Exception {
    Path f = file(TWO.replace("threshold = 0.3", "threshold = high"));
    UsageException e = assertThrows(UsageException.class, () -> RunConfig.read(f, Map.of(), null, Map.of(), TODAY));
    assertTrue(e.getMessage().contains("threshold in evaluation 'ctr-old'"), e.getMessage());
    assertTrue(e.getMessage().contains("must be a number, got high"), e.getMessage());
  }

  @Test
  void missingKeysAndBadDatesAreUsageErrors() throws Exception {
    Path noLabel = file(TWO.replace("label = clicked", ""));
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(noLabel, Map.of(), null, Map.of(), TODAY))
        .getMessage().contains("needs label"));
    Path f = file(TWO);
    assertTrue(assertThrows(UsageException.class,
        () -> RunConfig.read(f, Map.of(), null, Map.of("RUN_DATE", "yesterday"), TODAY))
        .getMessage().contains("run-date must be a date like 2026-11-22, got 'yesterday'"));
    for (String far : new String[] {"+999999999-12-31", "+10000-01-01", "0000-12-31", "-0001-01-01"}) {
      assertEquals("run-date must be a date from 0001-01-01 to 9999-12-31, as Spark's dates are, got '" + far + "'",
          assertThrows(UsageException.class, () -> RunConfig.read(f, Map.of(), null, Map.of("RUN_DATE", far), TODAY))
              .getMessage(), far);
    }
    assertEquals(LocalDate.of(9999, 12, 31),
        RunConfig.read(f, Map.of(), null, Map.of("RUN_DATE", "9999-12-31"), TODAY).runDate());
    assertEquals(LocalDate.of(1, 1, 1), RunConfig.read(f, Map.of(), null, Map.of("RUN_DATE", "0001-01-01"), TODAY)
        .runDate());
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(f, Map.of(), "nope", Map.of(), TODAY))
        .getMessage().contains("has no evaluation of that name"));
    Path syntax = file("evaluations = [ { name = a ");
    assertTrue(assertThrows(UsageException.class, () -> RunConfig.read(syntax, Map.of(), null, Map.of(), TODAY))
        .getMessage().startsWith("cannot read the job file"));
  }
}
