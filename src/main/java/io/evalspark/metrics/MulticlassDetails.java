package io.evalspark.metrics;

import java.util.List;

/**
 * What a multiclass evaluation reports beside its metrics.
 *
 * @param perClass precision, recall, F1 and support of each class present
 * @param confusionMatrix weights by true class (rows) and predicted class (columns)
 */
public record MulticlassDetails(List<ClassMetrics> perClass, double[][] confusionMatrix) implements Details {
  /** One class's row of the per-class table. */
  public record ClassMetrics(int classIndex, double precision, double recall, double f1, double support) {}
}
