package io.evalspark.job;

import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import java.util.List;

/** Evaluation specs for the tests, with the defaults a user gets from the command line. */
final class Specs {
  private Specs() {}

  static EvaluationSpec binary(String label, String score, String weight, List<String> slices) {
    return EvaluationSpec.of(Task.BINARY).label(label).score(score).weight(weight).sliceBy(slices).build();
  }

  static EvaluationSpec regression(String label, String prediction, String weight, List<String> slices) {
    return EvaluationSpec.of(Task.REGRESSION).label(label).prediction(prediction).weight(weight).sliceBy(slices).build();
  }

  /** A multiclass spec, with top-K accuracy where {@code topK} is above 0. */
  static EvaluationSpec multiclass(String label, String prediction, List<String> probabilities, int topK) {
    return EvaluationSpec.of(Task.MULTICLASS).label(label).prediction(prediction).probabilities(probabilities)
        .topK(topK > 0 ? topK : null).build();
  }

  static EvaluationSpec skipping(EvaluationSpec s) {
    return s.withOnInvalid(OnInvalid.SKIP);
  }
}
