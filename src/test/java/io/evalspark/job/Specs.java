package io.evalspark.job;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.metrics.BinarySettings;
import java.util.List;

/** Evaluation specs for the tests, with the defaults a user gets from the command line. */
final class Specs {
  private Specs() {}

  static EvaluationSpec binary(String label, String score, String weight, List<String> slices) {
    return new EvaluationSpec(Task.BINARY, label, score, null, null, weight, slices, OnInvalid.FAIL,
        BinarySettings.defaults(), 0, 0, 1.0);
  }

  static EvaluationSpec regression(String label, String prediction, String weight, List<String> slices) {
    return new EvaluationSpec(Task.REGRESSION, label, null, prediction, null, weight, slices, OnInvalid.FAIL,
        BinarySettings.defaults(), 0, 0, 1.0);
  }

  static EvaluationSpec multiclass(String label, String prediction, List<String> probabilities, int topK) {
    return new EvaluationSpec(Task.MULTICLASS, label, null, prediction, probabilities, null, null, OnInvalid.FAIL,
        BinarySettings.defaults(), 0, topK, 1.0);
  }

  static EvaluationSpec skipping(EvaluationSpec s) {
    return new EvaluationSpec(s.task(), s.label(), s.score(), s.prediction(), s.probabilities(), s.weight(),
        s.sliceBy(), OnInvalid.SKIP, s.binary(), s.classes(), s.topK(), s.huberDelta());
  }
}
