package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras's names of metrics (its functions' and its classes') watch the same catalogue metric, shown
 * and monitored under the name Keras gives its value.
 */
class KerasMetricNamesTest {
  @ParameterizedTest(name = "{0} {1} is {2}, shown as {3}")
  @CsvSource({
    "BINARY, binary_accuracy, accuracy, binary_accuracy",
    "BINARY, BinaryAccuracy, accuracy, binary_accuracy",
    "BINARY, AUC, roc_auc, auc",
    "BINARY, Precision, precision, precision",
    "BINARY, Recall, recall, recall",
    "BINARY, binary_crossentropy, log_loss, binary_crossentropy",
    "BINARY, BinaryCrossentropy, log_loss, binary_crossentropy",
    "BINARY, Hinge, hinge, hinge",
    "BINARY, SquaredHinge, squared_hinge, squared_hinge",
    "MULTICLASS, sparse_categorical_accuracy, accuracy, sparse_categorical_accuracy",
    "MULTICLASS, SparseCategoricalAccuracy, accuracy, sparse_categorical_accuracy",
    "MULTICLASS, sparse_categorical_crossentropy, log_loss, sparse_categorical_crossentropy",
    "REGRESSION, mean_squared_error, mse, mean_squared_error",
    "REGRESSION, MeanSquaredError, mse, mean_squared_error",
    "REGRESSION, RootMeanSquaredError, rmse, root_mean_squared_error",
    "REGRESSION, mean_absolute_error, mae, mean_absolute_error",
    "REGRESSION, MeanAbsoluteError, mae, mean_absolute_error",
    "REGRESSION, R2Score, r2, r2_score",
    "REGRESSION, logcosh, log_cosh, logcosh",
    "REGRESSION, LogCoshError, log_cosh, log_cosh_error",
    "REGRESSION, mean_squared_logarithmic_error, msle, mean_squared_logarithmic_error",
    "REGRESSION, Poisson, poisson, poisson"
  })
  void aKerasNameWatchesTheSameMetric(Task task, String keras, String ours, String shown) {
    MetricList watched = MetricList.parse(keras, task, Double.NaN);
    assertEquals(Map.of(shown, ours), watched.stateMetrics());
    assertEquals(List.of(shown), watched.names());
    assertEquals(MetricList.parse(ours, task, Double.NaN).largerIsBetter(ours), watched.largerIsBetter("val_" + shown));
    assertTrue(watched.expressions().isEmpty(), "a catalogue metric, not a formula");
  }

  @Test
  void twoNamesOfOneValueAreRefused() {
    // each would be a history column of its own holding the same value
    String[][] cases = {
      {"precision_at_recall_0.9,precision_at_recall_0.90", "precision_at_recall_0.9", "precision_at_recall_0.9",
          "precision_at_recall_0.90"},
      {"auc,roc_auc", "roc_auc", "auc", "roc_auc"},
      {"accuracy,AUC,roc_auc", "roc_auc", "AUC", "roc_auc"},
    };
    for (String[] c : cases) {
      UsageException e = assertThrows(UsageException.class, () -> MetricList.parse(c[0], Task.BINARY, Double.NaN));
      assertEquals("--metrics names " + c[1] + " twice, as '" + c[2] + "' and '" + c[3] + "'; name each metric once",
          e.getMessage());
    }
    assertEquals(List.of("precision_at_recall_0.9", "recall_at_precision_0.9"),
        MetricList.parse("precision_at_recall_0.9,recall_at_precision_0.9", Task.BINARY, Double.NaN).names());
  }

  @Test
  void kerasPercentageErrorIsNotOurFraction() {
    // Keras's mean_absolute_percentage_error is 100 times scikit-learn's mape, which the catalogue reports
    UsageException e = assertThrows(UsageException.class,
        () -> MetricList.parse("MeanAbsolutePercentageError", Task.REGRESSION, Double.NaN));
    assertTrue(e.getMessage().contains("MeanAbsolutePercentageError"), e.getMessage());
  }
}
