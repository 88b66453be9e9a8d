package io.evalspark.job;

import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.CustomMetrics;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.Intervals;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.RankedListsSettings;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.TaskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: its task's settings, which columns, and what to report. {@code score} is the
 * binary probability (or logit); {@code prediction} the predicted class or value (multilabel: the
 * array of predicted labels, {@code label} the array of true ones); {@code probabilities} one array
 * or vector column, or one column per class (multilabel: the score column of each label, whose 0/1
 * columns the settings name); {@code metrics} the metrics
 * to report (empty: all of them; every one is computed in the pass either way); {@code
 * aucTolerance} the width to which refinement passes narrow the ROC AUC and average precision
 * bounds (null: one pass); {@code confidence} the level of every metric's confidence interval (null:
 * none), and {@code intervalKey} the column whose rows share their resampling fate (null: each row
 * its own); {@code query} the column whose rows (items, each with a {@code score} and a graded
 * relevance in {@code label}) make one query of a ranking evaluation (null: a row is a query);
 * {@code modelColumn} the first slice column where it names the models of one table (null: none).
 * Built by name: {@code EvaluationSpec.of(Task.BINARY).label("y").score("p").build()}.
 */
public record EvaluationSpec(
    TaskSettings settings,
    String label,
    String score,
    String prediction,
    List<String> probabilities,
    String weight,
    List<String> sliceBy,
    OnInvalid onInvalid,
    List<String> metrics,
    Double aucTolerance,
    Double confidence,
    String intervalKey,
    String query,
    String modelColumn) {
  /** The job-file keys (and, with dashes, the options) of the binary settings, in the order errors list them. */
  public static final List<String> BINARY_KEYS = List.of("threshold", "from-logits", "bins", "beta", "curve-points",
      "at", "focal-gamma", "focal-alpha");

  /** Copies the lists. */
  public EvaluationSpec {
    probabilities = probabilities == null ? List.of() : List.copyOf(probabilities);
    sliceBy = sliceBy == null ? List.of() : List.copyOf(sliceBy);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** A builder of an evaluation of {@code task}. */
  public static Builder of(Task task) {
    return new Builder(task);
  }

  /** The task. */
  public Task task() {
    return settings.task();
  }

  /** The binary settings of a binary evaluation. */
  public BinarySettings binary() {
    return (BinarySettings) settings;
  }

  /** The same evaluation sliced by {@code columns} instead. */
  public EvaluationSpec withSlices(List<String> columns) {
    return new EvaluationSpec(settings, label, score, prediction, probabilities, weight, columns, onInvalid, metrics, aucTolerance,
        confidence, intervalKey, query, modelColumn);
  }

  /**
   * The same evaluation of several models, named by {@code column}: sliced by it first, then by its
   * own slices. A ranking of (query, item) rows keeps each model's queries apart.
   */
  public EvaluationSpec withModelColumn(String column) {
    List<String> slices = new ArrayList<>();
    slices.add(column);
    slices.addAll(sliceBy);
    return new EvaluationSpec(settings, label, score, prediction, probabilities, weight, slices, onInvalid, metrics,
        aucTolerance, confidence, intervalKey, query, column);
  }

  /** The same evaluation reporting only {@code names} (all when empty). */
  public EvaluationSpec withMetrics(List<String> names) {
    return new EvaluationSpec(settings, label, score, prediction, probabilities, weight, sliceBy, onInvalid, names, aucTolerance,
        confidence, intervalKey, query, modelColumn);
  }

  /** The same evaluation with another rule for invalid rows. */
  public EvaluationSpec withOnInvalid(OnInvalid rule) {
    return new EvaluationSpec(settings, label, score, prediction, probabilities, weight, sliceBy, rule, metrics, aucTolerance,
        confidence, intervalKey, query, modelColumn);
  }

  /** Every input column the evaluation names, in no particular order (nulls for those it does not name). */
  public List<String> columns() {
    List<String> out = new ArrayList<>(Arrays.asList(label, score, prediction, weight, intervalKey, query));
    out.addAll(probabilities);
    out.addAll(sliceBy);
    if (settings instanceof MultilabelSettings m) {
      out.addAll(m.labels());
    }
    return out;
  }

  /** An empty state of this evaluation: its task's, with interval groups when it has a confidence level. */
  public EvaluationState<?> emptyState() {
    return confidence == null ? settings.emptyState() : new IntervalState(settings);
  }

  /**
   * The metrics to report out of all a state computes: those named in {@code metrics}, in that
   * order, or all of them when none are named.
   */
  public Map<String, Double> reported(Map<String, Double> all) {
    if (metrics.isEmpty()) {
      return all;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(name -> out.put(name, all.get(name)));
    return out;
  }

  /** Builds an evaluation spec by name, checking that the columns and settings fit the task. */
  public static final class Builder {
    private final Task task;
    private String label;
    private String score;
    private String prediction;
    private List<String> probabilities = new ArrayList<>();
    private String weight;
    private List<String> sliceBy = new ArrayList<>();
    private OnInvalid onInvalid = OnInvalid.FAIL;
    private BinarySettings binary;
    private Integer bins;
    private Integer classes;
    private Integer topK;
    private Double huberDelta;
    private List<String> customMetrics = new ArrayList<>();
    private List<String> metricClasses = new ArrayList<>();
    private List<String> metrics = new ArrayList<>();
    private Double aucTolerance;
    private Double confidence;
    private String intervalKey;
    private List<String> labels = new ArrayList<>();
    private List<String> scores = new ArrayList<>();
    private Double threshold;
    private List<Integer> ks = new ArrayList<>();
    private String query;

    private Builder(Task task) {
      this.task = task;
    }

    /** The label column. */
    public Builder label(String column) {
      label = column;
      return this;
    }

    /** Binary: the probability (or logit) column. */
    public Builder score(String column) {
      score = column;
      return this;
    }

    /** Multiclass: the predicted class index column; regression: the predicted value column. */
    public Builder prediction(String column) {
      prediction = column;
      return this;
    }

    /** Multiclass: one array or vector column, or one column per class. */
    public Builder probabilities(List<String> columns) {
      probabilities = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
      return this;
    }

    /** The row weight column (null: every row weighs 1). */
    public Builder weight(String column) {
      weight = column;
      return this;
    }

    /** The slice columns. */
    public Builder sliceBy(List<String> columns) {
      sliceBy = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
      return this;
    }

    /** What to do with rows that cannot be evaluated (default: fail). */
    public Builder onInvalid(OnInvalid rule) {
      onInvalid = rule;
      return this;
    }

    /** Multilabel: one 0/1 column per label (scikit-learn's indicator layout), instead of arrays in --label. */
    public Builder labels(List<String> columns) {
      labels = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
      return this;
    }

    /** Multilabel: one score column per label, in the order of {@link #labels}. */
    public Builder scores(List<String> columns) {
      scores = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
      return this;
    }

    /** Multilabel: a label is predicted iff its score is at least this (default 0.5). */
    public Builder threshold(Double value) {
      threshold = value;
      return this;
    }

    /** Ranking: the cut-offs K of the metrics at K (default 10). */
    public Builder ks(List<Integer> cutOffs) {
      ks = cutOffs == null ? new ArrayList<>() : new ArrayList<>(cutOffs);
      return this;
    }

    /** Ranking: the query column of a row per (query, item), with --score and a graded relevance in --label. */
    public Builder query(String column) {
      query = column;
      return this;
    }

    /** Binary: threshold, logits, bins, beta and curve size (default {@link BinarySettings#defaults()}). */
    public Builder binary(BinarySettings settings) {
      binary = settings;
      return this;
    }

    /** Multiclass: the number of classes (default: learned from the rows). */
    public Builder classes(Integer count) {
      classes = count;
      return this;
    }

    /**
     * Multiclass with probabilities: the bins of each class's one-vs-rest score histogram (default:
     * 10,000 up to 10 classes, 100,000 / classes beyond, never fewer than 100).
     */
    public Builder bins(Integer count) {
      bins = count;
      return this;
    }

    /** Multiclass: K of top-K accuracy (default: none). */
    public Builder topK(Integer k) {
      topK = k;
      return this;
    }

    /** Regression: the Huber delta (default 1). */
    public Builder huberDelta(Double delta) {
      huberDelta = delta;
      return this;
    }

    /**
     * Binary and regression: the user's own metrics, each written {@code name=formula} over y, p and w,
     * reported after the task's (default: none).
     */
    public Builder customMetrics(List<String> definitions) {
      customMetrics = definitions == null ? new ArrayList<>() : new ArrayList<>(definitions);
      return this;
    }

    /**
     * Binary and regression: classes implementing {@link io.evalspark.metrics.CustomMetricState}, whose
     * metrics are reported after the task's (default: none).
     */
    public Builder metricClasses(List<String> classNames) {
      metricClasses = classNames == null ? new ArrayList<>() : new ArrayList<>(classNames);
      return this;
    }

    /** Binary: refine ROC AUC and average precision until their bounds are this close (default: one pass). */
    public Builder aucTolerance(Double width) {
      aucTolerance = width;
      return this;
    }

    /** The level of every metric's confidence interval, for example 0.95 (default: none). */
    public Builder confidence(Double level) {
      confidence = level;
      return this;
    }

    /** The column whose rows share their resampling fate in the intervals, for example a user id (default: none). */
    public Builder intervalKey(String column) {
      intervalKey = column;
      return this;
    }

    /** The metrics to report (default: all). */
    public Builder metrics(List<String> names) {
      metrics = names == null ? new ArrayList<>() : new ArrayList<>(names);
      return this;
    }

    /**
     * The spec; a usage error names the option that is missing, wrong, or given to a task it does
     * not apply to ({@code --top-k} on a binary evaluation, {@code --threshold} on a regression).
     */
    public EvaluationSpec build() {
      require(label != null || (task == Task.MULTILABEL && !labels.isEmpty()), "--label is required");
      require(task == Task.MULTILABEL || (labels.isEmpty() && scores.isEmpty() && threshold == null),
          "--labels, --scores and a multilabel threshold apply to multilabel evaluations, not to a "
              + task.displayName() + " one; leave them out");
      require(task == Task.RANKING || query == null, "--query applies to ranking evaluations, not to a "
          + task.displayName() + " one; leave it out");
      require(query == null || confidence == null, "--confidence is not available with --query yet");
      require(task == Task.RANKING || ks.isEmpty(), "--k applies to ranking evaluations, not to a "
          + task.displayName() + " one; leave it out");
      List<String> probabilities = this.probabilities;
      CustomMetrics formulas;
      try {
        formulas = CustomMetrics.parse(customMetrics);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metric: " + e.getMessage());
      }
      CustomMetrics custom;
      try {
        custom = formulas.withClasses(metricClasses);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metric-class: " + e.getMessage());
      }
      TaskSettings settings;
      switch (task) {
        case BINARY:
          require(score != null, "a binary evaluation needs --score (the probability of the positive class)");
          refuse(prediction != null, "--prediction", "multiclass and regression");
          refuse(!probabilities.isEmpty(), "--probabilities", "multiclass");
          refuseMulticlassAndRegressionOptions(true, true);
          settings = withCustom(() -> (binary == null ? BinarySettings.defaults() : binary).with(custom));
          break;
        case MULTICLASS:
          require(prediction != null || !probabilities.isEmpty(),
              "a multiclass evaluation needs --prediction and/or --probabilities");
          UsageException.requireEachOnce("--probabilities", probabilities, "class's column"); // one a class
          refuse(score != null, "--score", "binary");
          refuse(binary != null, BINARY_OPTIONS, "binary");
          refuse(huberDelta != null, "--huber-delta", "regression");
          refuse(!custom.isEmpty(), "--metric and --metric-class (metrics of one's own over y, p and w)",
              "binary and regression");
          int k = topK == null ? 0 : topK;
          int count = classes == null ? 0 : classes;
          require(topK == null || topK >= 1, "--top-k must be >= 1, got " + topK);
          require(classes == null || (classes >= 1 && classes <= MulticlassState.MOST_CLASSES), "--num-classes must be"
              + " from 1 to " + MulticlassState.MOST_CLASSES + " (a confusion matrix of K x K cells is held on the"
              + " driver and written to metrics.json), got " + classes);
          require(k == 0 || !probabilities.isEmpty(), "--top-k needs --probabilities");
          require(bins == null || bins >= 1, "--bins must be >= 1, got " + bins);
          require(bins == null || !probabilities.isEmpty(), "--bins of a multiclass evaluation sizes the one-vs-rest"
              + " histograms of --probabilities, which it has not");
          settings = new MulticlassSettings(count, prediction != null, !probabilities.isEmpty(), k,
              bins == null ? 0 : bins);
          break;
        case REGRESSION:
          require(prediction != null, "a regression evaluation needs --prediction (or --score)");
          refuse(!probabilities.isEmpty(), "--probabilities", "multiclass");
          refuse(binary != null, BINARY_OPTIONS, "binary");
          refuseMulticlassAndRegressionOptions(true, false);
          double delta = huberDelta == null ? RegressionSettings.DEFAULT_HUBER_DELTA : huberDelta;
          require(delta > 0 && !Double.isInfinite(delta), "--huber-delta must be a positive number");
          settings = withCustom(() -> new RegressionSettings(delta, custom));
          break;
        case MULTILABEL:
          refuse(score != null, "--score", "binary");
          refuse(binary != null, BINARY_OPTIONS + " other than --threshold", "binary");
          refuse(!this.probabilities.isEmpty(), "--probabilities", "multiclass");
          refuseMulticlassAndRegressionOptions(true, true);
          refuse(!custom.isEmpty(), "--metric and --metric-class (metrics of one's own over y, p and w)",
              "binary and regression");
          settings = multilabel();
          probabilities = scores;
          break;
        case RANKING:
          require(query != null ? score != null && prediction == null : prediction != null && score == null,
              "a ranking evaluation needs --label (an array of each query's relevant items) and --prediction (an array"
                  + " of its predicted items, best first), or --query, --score and --label (a row per item: its query,"
                  + " its score and its graded relevance)");
          refuse(binary != null, BINARY_OPTIONS, "binary");
          refuse(!this.probabilities.isEmpty(), "--probabilities", "multiclass");
          refuseMulticlassAndRegressionOptions(true, true);
          refuse(!custom.isEmpty(), "--metric and --metric-class (metrics of one's own over y, p and w)",
              "binary and regression");
          UsageException.requireEachOnce("--k", ks, "cut-off");
          try {
            settings = new RankedListsSettings(ks, query != null);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--k: " + e.getMessage());
          }
          break;
        default:
          throw new IllegalArgumentException("no evaluation of " + task);
      }
      if (aucTolerance != null) {
        require(task == Task.BINARY, "--auc-tolerance applies to binary evaluations, not to a " + task.displayName()
            + " one; leave it out");
        require(aucTolerance >= 0 && aucTolerance < 1, "--auc-tolerance must be a width from 0 (refine until"
            + " exact) to below 1, got " + aucTolerance);
      }
      if (confidence != null) {
        Intervals.requireConfidenceOption(confidence);
      }
      require(intervalKey == null || confidence != null, "--interval-key needs --confidence (the level of the intervals)");
      UsageException.requireEachOnce("--slice-by", sliceBy, "column");
      return new EvaluationSpec(settings, label, score, prediction, probabilities, weight, sliceBy, onInvalid, metrics,
          aucTolerance, confidence, intervalKey, query, null);
    }

    /**
     * The multilabel settings of one of three layouts: arrays of true and predicted labels (--label,
     * --prediction); a 0/1 column and a score column per label (--labels, --scores); or an array of
     * 0/1 indicators and an array of scores (--label, and one --scores column).
     */
    private MultilabelSettings multilabel() {
      double t = threshold == null ? MultilabelSettings.DEFAULT_THRESHOLD : threshold;
      require(t >= 0 && t <= 1, "--threshold must be between 0 and 1, got " + t);
      if (labels.isEmpty() && scores.isEmpty()) {
        require(label != null && prediction != null, "a multilabel evaluation needs --label and --prediction (arrays"
            + " of true and predicted labels), --labels and --scores (a 0/1 column and a score column per label), or"
            + " --label and --scores (an array of 0/1 indicators and an array of scores)");
        require(threshold == null, "--threshold applies to --scores; arrays of predicted labels need none");
        return MultilabelSettings.arrays();
      }
      require(prediction == null, "--prediction (an array of predicted labels) and --scores are two layouts; give one");
      if (labels.isEmpty()) {
        require(scores.size() == 1, "--scores with --label names one column of score arrays; with a score column per"
            + " label, give --labels (a 0/1 column per label) instead of --label");
        return MultilabelSettings.indicators(List.of(), t);
      }
      require(label == null, "--labels and --scores take the place of --label; give one layout");
      require(scores.size() == labels.size(), "--scores must name one column per --labels column, in the same order:"
          + " got " + labels.size() + " labels and " + scores.size() + " scores");
      UsageException.requireEachOnce("--scores", scores, "label's score column"); // a typo would score two alike
      try {
        return MultilabelSettings.indicators(labels, t);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--labels: " + e.getMessage());
      }
    }

    /** Settings made with custom metrics; a custom metric named as one of the task's is a usage error. */
    private static TaskSettings withCustom(java.util.function.Supplier<TaskSettings> settings) {
      try {
        return settings.get();
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metric or --metric-class: " + e.getMessage());
      }
    }

    private static final String BINARY_OPTIONS = "a binary setting ("
        + String.join(", ", BINARY_KEYS.stream().map(k -> "--" + k).toList()) + ")";

    private void refuseMulticlassAndRegressionOptions(boolean multiclass, boolean regression) {
      if (multiclass) {
        refuse(classes != null, "--num-classes", "multiclass");
        refuse(topK != null, "--top-k", "multiclass");
        refuse(bins != null, "--bins for one-vs-rest histograms", "multiclass");
      }
      if (regression) {
        refuse(huberDelta != null, "--huber-delta", "regression");
      }
    }

    private void refuse(boolean given, String option, String appliesTo) {
      if (given) {
        throw new UsageException(option + " applies to " + appliesTo + " evaluations, not to a "
            + task.displayName() + " one; leave it out");
      }
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new UsageException(message);
      }
    }
  }
}
