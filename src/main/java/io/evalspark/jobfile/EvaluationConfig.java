package io.evalspark.jobfile;

import io.evalspark.core.Choice;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.gate.Gate;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.loss.FocalLoss;
import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.Catalogues;
import io.evalspark.metrics.OperatingPoints;
import io.evalspark.metrics.ScoreDrift;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation of a run: where its predictions are, the evaluation itself, the model it is
 * recorded under in the history, and its gates. Its keys are the {@code evaluate} flags without
 * dashes ({@code task}, {@code label}, {@code slice-by}, ...) plus {@code name}, {@code model} (or
 * {@code model-column}: a column whose values name the models, each evaluated in the same pass),
 * {@code where} (a SQL filter on the input), {@code gates}, {@code baseline-model} and {@code
 * training-history} (the history.json of the training run that made the model, for the report), and
 * {@code allow-empty} (write a report of no rows instead of failing).
 */
public record EvaluationConfig(
    String name,
    String model,
    String modelColumn,
    String input,
    String format,
    String separator,
    String table,
    String where,
    EvaluationSpec spec,
    List<Gate> gates,
    String baselineModel,
    String trainingHistory,
    boolean allowEmpty) {

  /** The operating points of {@code at} entries such as "recall=0.9", one a kind. */
  static OperatingPoints.Targets targets(List<String> at) {
    double[] t = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    List<String> kinds = OperatingPoints.Targets.KINDS;
    for (String entry : at) {
      String[] parts = entry.split("=", 2);
      int kind = kinds.indexOf(parts[0].trim());
      if (parts.length != 2 || kind < 0) {
        throw new UsageException("at (--at) " + entry + ": expected recall=R, precision=P, specificity=S or"
            + " sensitivity=S");
      }
      if (!Double.isNaN(t[kind])) {
        throw new UsageException("at (--at) gives " + parts[0].trim() + " twice; one target a kind");
      }
      try {
        t[kind] = Double.parseDouble(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new UsageException("at (--at) " + entry + ": " + parts[1].trim() + " is not a number");
      }
      if (Double.isNaN(t[kind])) { // NaN stands for no target of the kind
        throw new UsageException("at (--at) " + entry + ": " + OperatingPoints.Targets.RULE + ", got NaN");
      }
    }
    return new OperatingPoints.Targets(t[0], t[1], t[2], t[3]);
  }

  /**
   * Why {@code name} is not among the evaluation's {@code metrics} where it names a metric of the
   * task made from a setting: a cut-off K that {@code --k} (ranking) or {@code --top-k} (multiclass)
   * does not give, or an operating point's target ({@code precision_at_recall_0.9}) that {@code --at}
   * does not give or writes otherwise ({@code 0.90}); "" for any other name.
   */
  private static String settingHint(String name, Task task, List<String> metrics) {
    int k = Catalogues.of(task).find(name).map(m -> m.kIn(name)).orElse(0);
    if (k > 0 && (task == Task.RANKING || task == Task.MULTICLASS)) {
      String option = task == Task.RANKING ? "--k " + k + ", k = [" + k + "]" : "--top-k " + k + ", top-k = " + k;
      return " (its K is not asked for: give " + option + " in a job file)";
    }
    if (task != Task.BINARY) {
      return aliasHint(name, task, metrics);
    }
    OperatingPoints.Targets targets;
    try {
      targets = BinaryCatalogue.targets(name);
    } catch (IllegalArgumentException e) {
      return " (" + e.getMessage() + ")";
    }
    for (int kind = 0; kind < OperatingPoints.Targets.KINDS.size(); kind++) {
      double target = targets.of(kind);
      if (!Double.isNaN(target)) {
        String at = OperatingPoints.Targets.KINDS.get(kind) + "=" + OperatingPoints.named(target);
        String named = BinaryCatalogue.CATALOGUE.find(name).map(m -> m.reportedName(name)).orElse(name);
        return metrics.contains(named) ? " (it is written " + named + ", as --at " + at + " names it)"
            : " (its target is not asked for: give --at " + at + ", at = [\"" + at + "\"] in a job file)";
      }
    }
    return aliasHint(name, task, metrics);
  }

  /** Where {@code name} is another name of a reported metric (Keras's auc, acc, ...): the name to write. */
  private static String aliasHint(String name, Task task, List<String> metrics) {
    String reported = Catalogues.of(task).find(name).map(m -> m.reportedName(name)).orElse(name);
    return !reported.equals(name) && metrics.contains(reported)
        ? " (it is reported and recorded as " + reported + ": write " + reported + ")" : "";
  }

  /** A number whose NaN the settings read as "none"; given as NaN, it is refused as {@code rule} says. */
  private static double notNaN(Settings s, String key, double fallback, String rule) {
    return s.has(key) ? BinarySettings.given(s.number(key, fallback), rule) : fallback;
  }

  /** The ranking cut-offs of {@code k} ("5,10" on the command line, [5, 10] in a file). */
  private static List<Integer> cutOffs(Settings s) {
    List<Integer> ks = new ArrayList<>();
    for (String k : s.list("k")) {
      try {
        ks.add(Integer.parseInt(k.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException("k (--k) " + k + " is not a whole number (in " + s.where() + ")");
      }
    }
    return ks;
  }

  /** Reads one evaluation block; {@code fallbackName} names it when it has no {@code name}. */
  static EvaluationConfig read(Settings s, String fallbackName) {
    s.requireOnly(JobKeys.EVALUATION);
    String name = s.string("name", fallbackName);
    Task task = Choice.of(Task.class, "task (--task)", required(s, "task"));
    boolean indicators = task == Task.MULTILABEL && s.has("labels");
    String label = indicators ? s.string("label") : required(s, "label");
    String score = s.string("score");
    String prediction = s.string("prediction");
    if (task == Task.REGRESSION && score != null) {
      if (prediction != null) {
        throw new UsageException("a regression evaluation takes its predicted value from --prediction or --score,"
            + " not both (in " + s.where() + ")");
      }
      prediction = score;
      score = null;
    }
    BinarySettings binary = null;
    Double multilabelThreshold = task == Task.MULTILABEL && s.has("threshold") ? s.number("threshold", 0) : null;
    boolean classBins = task == Task.MULTICLASS && s.has("bins"); // each class's one-vs-rest histogram
    if (EvaluationSpec.BINARY_KEYS.stream().anyMatch(k -> s.has(k) && !(task == Task.MULTILABEL && k.equals("threshold"))
        && !(classBins && k.equals("bins")))) {
      try {
        BinarySettings d = BinarySettings.defaults();
        binary = new BinarySettings(s.number("threshold", d.threshold()), s.flag("from-logits"),
            s.integer("bins", d.bins()), notNaN(s, "beta", d.beta(), BinarySettings.BETA_RULE),
            s.integer("curve-points", d.curvePoints()))
            .at(targets(s.list("at")))
            .focal(s.number("focal-gamma", d.focalGamma()),
                notNaN(s, "focal-alpha", d.focalAlpha(), FocalLoss.ALPHA_RULE));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage() + " (in " + s.where() + ")");
      }
    }
    EvaluationSpec spec;
    try {
      spec = EvaluationSpec.of(task).label(label).score(score).prediction(prediction)
          .probabilities(s.list("probabilities")).weight(s.string("weight")).sliceBy(s.list("slice-by"))
          .onInvalid(Choice.of(OnInvalid.class, "on-invalid (--on-invalid)", s.string("on-invalid", "fail")))
          .binary(binary).classes(s.has("num-classes") ? s.integer("num-classes", 0) : null)
          .bins(classBins ? s.integer("bins", 0) : null)
          .topK(s.has("top-k") ? s.integer("top-k", 0) : null)
          .huberDelta(s.has("huber-delta") ? s.number("huber-delta", 0) : null)
          .customMetrics(s.wholeStrings("custom-metrics")).metricClasses(s.list("metric-classes"))
          .aucTolerance(s.has("auc-tolerance") ? s.number("auc-tolerance", 0) : null)
          .confidence(s.has("confidence") ? s.number("confidence", 0) : null).intervalKey(s.string("interval-key"))
          .labels(s.list("labels")).scores(s.list("scores")).threshold(multilabelThreshold).ks(cutOffs(s)).query(s.string("query"))
          .metrics(s.list("metrics")).build();
    } catch (UsageException e) {
      throw new UsageException(e.getMessage() + " (in " + s.where() + ")");
    }
    UsageException.requireEachOnce("metrics in " + s.where(), spec.metrics(), "metric");
    List<String> metrics = spec.settings().metricNames();
    for (String m : spec.metrics()) {
      if (!metrics.contains(m)) {
        throw new UsageException("metrics in " + s.where() + " names '" + m + "', which is no " + task.displayName()
            + " metric" + settingHint(m, task, metrics) + "; the metrics are " + String.join(", ", metrics));
      }
    }
    List<Gate> gates = new ArrayList<>();
    for (String g : s.list("gates")) {
      Gate gate = Gate.parse(g);
      for (Gate before : gates) {
        if (before.sameCheckAs(gate)) { // it would be checked, printed and counted as failed twice
          throw new UsageException("gates in " + s.where() + " give the gate '" + before.text() + "' twice"
              + (before.text().equals(gate.text()) ? "" : " (again as '" + gate.text() + "')")
              + "; give each gate once");
        }
      }
      gates.add(gate);
    }
    for (Gate g : gates) {
      boolean drift = task == Task.BINARY && ScoreDrift.isDriftName(g.metric());
      if (drift && g.significant()) {
        throw new UsageException("gate '" + g.text() + "' in " + s.where() + " is significant, but " + g.metric()
            + " has no standard error; leave out 'significant'");
      }
      if (g.significant() && spec.confidence() == null) {
        throw new UsageException("gate '" + g.text() + "' in " + s.where() + " is significant, which needs the"
            + " evaluation's confidence level: give --confidence 0.95 (confidence = 0.95)");
      }
      if (!metrics.contains(g.metric()) && !drift) {
        throw new UsageException("gate '" + g.text() + "' in " + s.where() + " names no " + task.displayName()
            + " metric" + settingHint(g.metric(), task, metrics) + "; the metrics are "
            + String.join(", ", metrics)
            + (task == Task.BINARY ? ", and the drift of the scores, " + String.join(", ", ScoreDrift.names("previous"))
                + " (and _vs_baseline)" : ""));
      }
    }
    if (!spec.metrics().isEmpty()) { // a gated metric is reported and recorded, so that the next run's previous has it
      List<String> reported = new ArrayList<>(spec.metrics());
      gates.stream().map(Gate::metric).filter(m -> metrics.contains(m) && !reported.contains(m)).forEach(reported::add);
      spec = spec.withMetrics(reported);
    }
    String baseline = s.string("baseline-model");
    for (Gate g : gates) {
      if (g.reference() == Gate.Reference.BASELINE && baseline == null) {
        throw new UsageException("gate '" + g.text() + "' in " + s.where() + " compares with the baseline model,"
            + " but baseline-model is not set");
      }
    }
    if (s.has("input") == s.has("table")) {
      throw new UsageException(s.where() + " needs exactly one of input (--input PATH) and table (--table NAME)");
    }
    for (String key : List.of("model", "baseline-model")) { // a blank name is recorded and matched as such, unseen
      if (s.has(key) && s.string(key).isBlank()) {
        throw new UsageException(key + " (--" + key + ") in " + s.where() + " is blank; give a model's name"
            + (key.equals("model") ? ", or leave it out to record the evaluation's name" : ""));
      }
    }
    if (s.has("model") && s.has("model-column")) {
      throw new UsageException(s.where() + " has both model and model-column; give one: a fixed model name,"
          + " or the column whose values name the models");
    }
    if (s.has("model-column") && spec.sliceBy().contains(s.string("model-column"))) {
      throw new UsageException(s.where() + " slices by its model column '" + s.string("model-column") + "' as well"
          + " (slice-by); each model is evaluated on its own already, so leave it out of slice-by");
    }
    return new EvaluationConfig(name, s.string("model", name), s.string("model-column"), s.string("input"),
        s.string("format"), s.string("separator"), s.string("table"), s.string("where"), spec, List.copyOf(gates),
        baseline, s.string("training-history"), s.flag("allow-empty"));
  }

  private static String required(Settings s, String key) {
    String v = s.string(key);
    if (v == null) {
      throw new UsageException(s.where() + " needs " + key + " (--" + key + " on the command line, or "
          + key + " = ... in the job file)");
    }
    return v;
  }
}
