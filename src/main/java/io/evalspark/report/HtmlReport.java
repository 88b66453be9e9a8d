package io.evalspark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.core.BadDataException;
import io.evalspark.gate.GateResult;
import io.evalspark.job.EvaluationResult;
import io.evalspark.jobfile.EvaluationConfig;
import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.metrics.BinaryDetails;
import io.evalspark.metrics.Details;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassDetails;
import io.evalspark.metrics.MultilabelDetails;
import io.evalspark.metrics.RowCounts;
import io.evalspark.run.EvaluationOutcome;
import io.evalspark.run.RunOutcome;
import io.evalspark.run.Slices;
import io.evalspark.run.WindowResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's report.html, one file that needs no network: the gates, then per evaluation its row
 * counts, metrics (today, with intervals under --confidence, and per rolling window), each gated
 * metric over the last run dates with its interval band, slices, plots (ROC and PR curves,
 * calibration, score distribution per class, confusion matrix) and the training curves of its
 * model; with a model column, the models' ROC and PR curves overlaid.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The report of {@code run}, plots drawn. */
  public static String page(RunOutcome run) {
    HtmlPage page = new HtmlPage("evalspark run of " + run.config().runDate());
    gates(page, run);
    for (EvaluationOutcome e : run.evaluations()) {
      evaluation(page, e, run.config().runDate());
    }
    models(page, run);
    return page.finish();
  }

  /** The report of a training run: its loss and metric curves per epoch. */
  public static String trainingPage(String title, Map<String, Object> historyColumns) {
    HtmlPage page = new HtmlPage(title);
    training(page, new ObjectMapper().valueToTree(historyColumns));
    return page.finish();
  }

  private static void gates(HtmlPage page, RunOutcome run) {
    List<GateResult> all = run.evaluations().stream().flatMap(e -> e.gates().stream()).toList();
    page.heading(2, "Gates");
    if (all.isEmpty()) {
      page.paragraph("No gates are configured.", null);
      return;
    }
    int failed = run.failedGates().size();
    page.paragraph(failed == 0 ? "All gates passed." : failed + " of " + all.size() + " gate checks failed.",
        "verdict");
    List<List<String>> rows = new ArrayList<>();
    for (GateResult g : all) {
      boolean skipped = g.status() == GateResult.Status.SKIPPED;
      rows.add(List.of(g.status().name(), g.gate().text(), g.evaluation(), g.slice(), HtmlPage.number(g.value()),
          skipped ? "" : HtmlPage.number(g.bound()), g.reference()
              + (Double.isNaN(g.referenceValue()) ? "" : ": " + HtmlPage.number(g.referenceValue()))));
    }
    page.table(List.of("status", "gate", "evaluation", "slice", "value", "bound", "reference"), rows);
  }

  private static void evaluation(HtmlPage page, EvaluationOutcome e, java.time.LocalDate runDate) {
    EvaluationResult r = e.result();
    page.heading(2, "Evaluation " + e.heading());
    RowCounts counts = r.overall().rowCounts();
    page.paragraph(String.format(Locale.ROOT, "%s: %,d rows, %,d evaluated, %,d invalid",
        r.spec().task().displayName(), counts.rows(), counts.evaluatedRows(), counts.invalidRows()), null);
    counts.invalidByReason().forEach((reason, n) ->
        page.paragraph(String.format(Locale.ROOT, "left out %,d rows: %s", n, reason), null));
    metrics(page, e);
    trends(page, e, runDate);
    slices(page, r);
    if (r.overall().details() instanceof MulticlassDetails multiclass) {
      perClass(page, multiclass.perClass());
    }
    if (r.overall().details() instanceof MultilabelDetails multilabel) {
      perLabel(page, multilabel.perLabel());
    }
    plots(page, r.overall());
    if (e.config().trainingHistory() != null) {
      training(page, trainingHistory(e.config()));
    }
  }

  /**
   * The training history an evaluation's report shows (its {@code training-history}, the
   * history.json train wrote); read before the evaluation runs too, so that a wrong one fails first.
   */
  public static JsonNode trainingHistory(EvaluationConfig e) {
    JsonNode history;
    try {
      history = TextFiles.readJson(e.trainingHistory());
    } catch (IOException ex) {
      throw notAHistory(e, ex.getMessage());
    }
    if (!history.path("epoch").isArray()) {
      throw notAHistory(e, "it has no \"epoch\" list");
    }
    int epochs = history.get("epoch").size();
    for (Iterator<Map.Entry<String, JsonNode>> fields = history.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next(); // each is drawn against the epochs: one value an epoch
      if (!field.getValue().isArray() || field.getValue().size() != epochs) {
        throw notAHistory(e, "its \"" + field.getKey() + "\" is " + (field.getValue().isArray()
            ? "a list of " + field.getValue().size() : "no list") + ", where it has " + epochs + " epochs");
      }
    }
    return history;
  }

  private static BadDataException notAHistory(EvaluationConfig e, String why) {
    return new BadDataException("cannot read the training history " + e.trainingHistory()
        + " of evaluation " + e.name() + ": " + why + "; training-history must name the history.json that"
        + " train wrote");
  }

  private static void metrics(HtmlPage page, EvaluationOutcome e) {
    page.heading(3, "Metrics");
    List<String> header = new ArrayList<>(List.of("metric", "today"));
    Double level = e.result().spec().confidence();
    Intervals intervals = IntervalState.intervals(e.result().overall(), level);
    if (intervals != null) {
      header.add(String.format(Locale.ROOT, "%.0f%% interval", 100 * level));
      header.add("stderr");
    }
    e.windows().forEach(w -> header.add(String.format(Locale.ROOT, "last %d days (%d found)", w.days(), w.daysFound())));
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Double> m : e.result().spec().reported(e.result().overall().metrics()).entrySet()) {
      List<String> row = new ArrayList<>(List.of(m.getKey(), HtmlPage.number(m.getValue())));
      if (intervals != null) {
        Intervals.Interval i = intervals.metrics().get(m.getKey());
        row.add("[" + HtmlPage.number(i.lower()) + ", " + HtmlPage.number(i.upper()) + "]");
        row.add(HtmlPage.number(i.stderr()));
      }
      for (WindowResult w : e.windows()) {
        row.add(HtmlPage.number(w.bySlice().get(Slices.OVERALL).metrics().get(m.getKey())));
      }
      rows.add(row);
    }
    e.drift().getOrDefault(Slices.OVERALL, Map.of()).forEach((name, value) -> {
      List<String> row = new ArrayList<>(List.of(name, HtmlPage.number(value)));
      while (row.size() < header.size()) {
        row.add("");
      }
      rows.add(row);
    });
    page.table(header, rows);
  }

  /** Each gated metric over the last run dates, today's included, with the band of its intervals. */
  private static void trends(HtmlPage page, EvaluationOutcome e, java.time.LocalDate runDate) {
    if (e.trends().isEmpty()) {
      return;
    }
    Double level = e.result().spec().confidence();
    Intervals today = IntervalState.intervals(e.result().overall(), level);
    page.heading(3, "Gated metrics by run date").openPlots();
    e.trends().forEach((metric, before) -> {
      List<java.time.LocalDate> dates = new ArrayList<>();
      int n = before.size() + 1;
      double[] values = new double[n];
      double[] lower = new double[n];
      double[] upper = new double[n];
      for (int i = 0; i < before.size(); i++) {
        dates.add(before.get(i).date());
        values[i] = before.get(i).value();
        lower[i] = before.get(i).lower();
        upper[i] = before.get(i).upper();
      }
      dates.add(runDate);
      values[n - 1] = e.overall(metric);
      Intervals.Interval interval = today == null ? null : today.metrics().get(metric);
      lower[n - 1] = interval == null ? Double.NaN : interval.lower();
      upper[n - 1] = interval == null ? Double.NaN : interval.upper();
      String band = level == null ? "interval" : String.format(Locale.ROOT, "%.0f%% interval", 100 * level);
      page.plot(String.format(Locale.ROOT, "%s over %d run dates, with its %s", metric, n, band),
          Charts.trend(metric, dates, values, lower, upper, band));
    });
    page.closePlots();
  }

  /** With a model column: every model of one evaluation in one ROC chart and one precision-recall chart. */
  private static void models(HtmlPage page, RunOutcome run) {
    Map<String, Map<String, BinaryDetails>> byEvaluation = new LinkedHashMap<>();
    for (EvaluationOutcome e : run.evaluations()) {
      boolean aModel = e.config().modelColumn() != null && e.model() != null; // null: a model column of no rows
      if (aModel && e.result().overall().details() instanceof BinaryDetails d) {
        byEvaluation.computeIfAbsent(e.config().name(), k -> new LinkedHashMap<>()).put(e.model(), d);
      }
    }
    byEvaluation.forEach((name, models) -> {
      if (models.size() < 2) {
        return;
      }
      page.heading(2, "Models of evaluation " + name).openPlots();
      Map<String, Map<String, double[]>> roc = new LinkedHashMap<>();
      Map<String, Map<String, double[]>> pr = new LinkedHashMap<>();
      models.forEach((model, d) -> {
        roc.put(model, d.roc().columns());
        pr.put(model, d.precisionRecall().columns());
      });
      page.plot("ROC curves of " + models.size() + " models", Charts.overlay("ROC curves", roc, "fpr", "tpr", true));
      page.plot("Precision-recall curves of " + models.size() + " models",
          Charts.overlay("Precision-recall curves", pr, "recall", "precision", false));
      page.closePlots();
    });
  }

  private static void slices(HtmlPage page, EvaluationResult r) {
    if (r.slices().isEmpty()) {
      return;
    }
    page.heading(3, "Slices");
    List<String> names = new ArrayList<>(r.spec().reported(r.overall().metrics()).keySet());
    List<String> header = new ArrayList<>(List.of("slice", "rows"));
    header.addAll(names);
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, EvaluationState<?>> s : Slices.of(r).entrySet()) {
      List<String> row = new ArrayList<>(List.of(s.getKey(), HtmlPage.number((double) s.getValue().rowCounts().rows())));
      Map<String, Double> m = s.getValue().metrics();
      Intervals intervals = IntervalState.intervals(s.getValue(), r.spec().confidence());
      names.forEach(n -> row.add(HtmlPage.number(m.get(n)) + (intervals == null ? ""
          : " ± " + HtmlPage.number((intervals.metrics().get(n).upper() - intervals.metrics().get(n).lower()) / 2))));
      rows.add(row);
    }
    page.table(header, rows);
  }

  /** Multiclass: precision, recall, f1 and support of each class. */
  private static void perClass(HtmlPage page, List<MulticlassDetails.ClassMetrics> classes) {
    if (classes.isEmpty()) {
      return;
    }
    page.heading(3, "Per class");
    List<String> header = List.of("class", "precision", "recall", "f1", "support");
    List<List<String>> rows = new ArrayList<>();
    for (MulticlassDetails.ClassMetrics c : classes) {
      rows.add(List.of(String.valueOf(c.classIndex()), HtmlPage.number(c.precision()), HtmlPage.number(c.recall()),
          HtmlPage.number(c.f1()), HtmlPage.number(c.support())));
    }
    page.table(header, rows);
  }

  /** Multilabel: precision, recall, f1, support and ROC AUC of each label. */
  private static void perLabel(HtmlPage page, List<MultilabelDetails.LabelMetrics> labels) {
    if (labels.isEmpty()) {
      return;
    }
    page.heading(3, "Per label");
    List<String> header = List.of("label", "precision", "recall", "f1", "support", "roc_auc");
    List<List<String>> rows = new ArrayList<>();
    for (MultilabelDetails.LabelMetrics l : labels) {
      rows.add(List.of(l.label(), HtmlPage.number(l.precision()), HtmlPage.number(l.recall()), HtmlPage.number(l.f1()),
          HtmlPage.number(l.support()), HtmlPage.number(l.rocAuc())));
    }
    page.table(header, rows);
  }

  private static void plots(HtmlPage page, EvaluationState<?> state) {
    Map<String, Double> m = state.metrics();
    Details details = state.details();
    page.heading(3, "Plots").openPlots();
    if (details instanceof BinaryDetails binary) {
      Double rocAuc = m.get(BinaryCatalogue.ROC_AUC.name());
      Double averagePrecision = m.get(BinaryCatalogue.AVERAGE_PRECISION.name());
      Double ece = m.get(BinaryCatalogue.ECE.name());
      if (defined(rocAuc)) {
        page.plot("ROC curve", Charts.roc(binary.roc().columns(), rocAuc));
      }
      if (defined(averagePrecision)) {
        page.plot("Precision-recall curve", Charts.precisionRecall(binary.precisionRecall().columns(), averagePrecision));
      }
      if (defined(ece)) {
        page.plot("Calibration curve", Charts.calibration(binary.calibration().columns(), ece));
        page.plot("Score distribution per class", Charts.scoreDistribution(binary.scoreDistribution().columns()));
      }
      double[][] cells = {{m.get(BinaryCatalogue.TN.name()), m.get(BinaryCatalogue.FP.name())},
        {m.get(BinaryCatalogue.FN.name()), m.get(BinaryCatalogue.TP.name())}};
      page.plot("Confusion matrix", Charts.confusion(cells, List.of("0", "1")));
    }
    if (details instanceof MulticlassDetails multiclass) {
      double[][] cells = multiclass.confusionMatrix();
      List<String> classes = new ArrayList<>();
      for (int c = 0; c < cells.length; c++) {
        classes.add(String.valueOf(c));
      }
      if (cells.length > 0) {
        page.plot("Confusion matrix", Charts.confusion(cells, classes));
      }
    }
    page.closePlots();
  }

  /** The loss and each metric per epoch, training beside validation, from a history.json tree. */
  private static void training(HtmlPage page, JsonNode history) {
    page.heading(3, "Training");
    double[] epochs = column(history, "epoch");
    if (epochs == null || epochs.length == 0) {
      page.paragraph("The training history has no epochs.", null);
      return;
    }
    page.openPlots();
    Map<String, double[]> series = new LinkedHashMap<>();
    for (Iterator<String> names = history.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("epoch") && !name.equals("seconds") && !name.startsWith("val_") && !name.endsWith("_stderr")) {
        series.put(name, column(history, name));
      }
    }
    series.forEach((name, values) -> page.plot(name + " per epoch",
        Charts.epochs(name, epochs, values, column(history, "val_" + name), halfWidths(history, "val_" + name))));
    page.closePlots();
  }

  /** The 95% interval's half-widths of a logged value, where train --confidence logged its standard errors. */
  private static double[] halfWidths(JsonNode history, String name) {
    double[] stderr = column(history, name + "_stderr");
    if (stderr == null) {
      return null;
    }
    double z = Intervals.normalQuantile(0.95);
    double[] half = new double[stderr.length];
    for (int i = 0; i < half.length; i++) {
      half[i] = Double.isNaN(stderr[i]) ? 0 : z * stderr[i];
    }
    return half;
  }

  private static double[] column(JsonNode history, String name) {
    JsonNode values = history.get(name);
    if (values == null || !values.isArray()) {
      return null;
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
    }
    return out;
  }

  private static boolean defined(Double v) {
    return v != null && !v.isNaN();
  }
}
