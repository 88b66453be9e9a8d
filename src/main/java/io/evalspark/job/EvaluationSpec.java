package io.evalspark.job;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MulticlassSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: which task, which columns, and the settings of its metrics. {@code score} is the
 * binary probability (or logit); {@code prediction} the predicted class or value; {@code
 * probabilities} one array or vector column, or one column per class; {@code metrics} the metrics
 * to report (empty: all of them; every one is computed in the pass either way).
 */
public record EvaluationSpec(
    Task task,
    String label,
    String score,
    String prediction,
    List<String> probabilities,
    String weight,
    List<String> sliceBy,
    OnInvalid onInvalid,
    BinarySettings binary,
    int classes,
    int topK,
    double huberDelta,
    List<String> metrics) {

  /** Checks that the columns fit the task, naming the option that is missing or extra. */
  public EvaluationSpec {
    probabilities = probabilities == null ? List.of() : List.copyOf(probabilities);
    sliceBy = sliceBy == null ? List.of() : List.copyOf(sliceBy);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    require(label != null, "--label is required");
    switch (task) {
      case BINARY:
        require(score != null, "a binary evaluation needs --score (the probability of the positive class)");
        break;
      case MULTICLASS:
        require(prediction != null || !probabilities.isEmpty(),
            "a multiclass evaluation needs --prediction and/or --probabilities");
        require(topK == 0 || !probabilities.isEmpty(), "--top-k needs --probabilities");
        break;
      case REGRESSION:
        require(prediction != null, "a regression evaluation needs --prediction (or --score)");
        break;
      default:
        throw new IllegalStateException(task.toString());
    }
    require(huberDelta > 0 && !Double.isInfinite(huberDelta), "--huber-delta must be a positive number");
    require(topK >= 0, "--top-k must be >= 1");
    require(classes >= 0, "--num-classes must be >= 1");
  }

  /** An evaluation that reports every metric of its task. */
  public EvaluationSpec(Task task, String label, String score, String prediction, List<String> probabilities,
      String weight, List<String> sliceBy, OnInvalid onInvalid, BinarySettings binary, int classes, int topK,
      double huberDelta) {
    this(task, label, score, prediction, probabilities, weight, sliceBy, onInvalid, binary, classes, topK, huberDelta,
        List.of());
  }

  /** The same evaluation sliced by {@code columns} instead. */
  public EvaluationSpec withSlices(List<String> columns) {
    return new EvaluationSpec(task, label, score, prediction, probabilities, weight, columns, onInvalid, binary, classes,
        topK, huberDelta, metrics);
  }

  /** The same evaluation reporting only {@code names} (all when empty). */
  public EvaluationSpec withMetrics(List<String> names) {
    return new EvaluationSpec(task, label, score, prediction, probabilities, weight, sliceBy, onInvalid, binary, classes,
        topK, huberDelta, names);
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

  /** The multiclass state settings of this evaluation. */
  public MulticlassSettings multiclass() {
    return new MulticlassSettings(classes, prediction != null, !probabilities.isEmpty(), topK);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new UsageException(message);
    }
  }
}
