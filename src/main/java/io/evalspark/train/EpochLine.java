package io.evalspark.train;

import java.util.Locale;
import java.util.Map;

/** Keras's epoch line: {@code Epoch 3/20 - 4.1s - loss: 0.4123 - auc: 0.8812 - val_loss: 0.4307}. */
final class EpochLine {
  private EpochLine() {}

  static String of(int epoch, int epochs, double seconds, Map<String, Double> logs) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d - %.1fs", epoch, epochs, seconds));
    logs.forEach((name, value) -> {
      if (!name.equals("epoch") && !name.equals("seconds")) {
        line.append(" - ").append(name).append(": ").append(value == null || value.isNaN() ? "nan"
            : String.format(Locale.ROOT, "%.4f", value));
      }
    });
    return line.toString();
  }

  /** The progress line within a long epoch. */
  static String progress(int epoch, int epochs, int step, int steps, double seconds, double batchLoss) {
    return String.format(Locale.ROOT, "Epoch %d/%d - step %d/%d - %.1fs - batch_loss: %.4f", epoch, epochs, step, steps,
        seconds, batchLoss);
  }
}
