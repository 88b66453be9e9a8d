package io.evalspark.metrics;

import io.evalspark.loss.BinaryCrossEntropy;
import io.evalspark.loss.Expression;
import io.evalspark.loss.FocalLoss;
import io.evalspark.loss.HingeLoss;
import io.evalspark.loss.SquaredError;

/**
 * The mean losses of a binary evaluation, and a row's weighted term of each: log loss and Brier
 * score of the probability, hinge and squared hinge of the score as given (the probability, or the
 * logit with {@code --from-logits}, as Keras's {@code hinge} reads its {@code y_pred}; labels 0/1 as
 * -1/1), the focal loss of the settings, then the settings' custom metrics (of the label and the
 * probability). The state of all rows and its interval groups compute a row's terms once, here,
 * and keep a sum of each.
 */
final class BinaryLosses {
  static final int LOG_LOSS = 0;
  static final int BRIER = 1;
  static final int HINGE = 2;
  static final int SQUARED_HINGE = 3;
  static final int FOCAL = 4;
  /** How many built-in losses there are; the custom metrics' terms follow theirs. */
  static final int COUNT = 5;
  /** How many a state of format version 2 or older kept (log loss and Brier); the others read as undefined. */
  static final int OF_VERSION_2 = 2;

  private static final BinaryCrossEntropy LOG_LOSS_OF_PROBABILITY = new BinaryCrossEntropy(false);
  private static final BinaryCrossEntropy LOG_LOSS_OF_LOGIT = new BinaryCrossEntropy(true);
  private static final SquaredError SQUARED_ERROR = new SquaredError();
  private static final HingeLoss HINGE_LOSS = new HingeLoss(false);
  private static final HingeLoss SQUARED_HINGE_LOSS = new HingeLoss(true);

  private final BinaryCrossEntropy logLoss;
  private final FocalLoss focal;
  private final Expression[] custom;

  BinaryLosses(BinarySettings settings) {
    this.logLoss = settings.fromLogits() ? LOG_LOSS_OF_LOGIT : LOG_LOSS_OF_PROBABILITY;
    this.focal = settings.focalLoss();
    this.custom = settings.custom().expressions();
  }

  /** How many terms a row has: the built-in losses' and the custom metrics'. */
  int size() {
    return COUNT + custom.length;
  }

  /**
   * Writes into {@code terms} the weighted term of each loss of a valid row: its label (0 or 1),
   * its score as given, its probability {@code p} and its weight.
   */
  void terms(double label, double score, double p, double weight, double[] terms) {
    double crossEntropy = logLoss.value(label, score);
    terms[LOG_LOSS] = weight * crossEntropy;
    terms[BRIER] = weight * SQUARED_ERROR.value(label, p);
    terms[HINGE] = weight * HINGE_LOSS.value(label, score);
    terms[SQUARED_HINGE] = weight * SQUARED_HINGE_LOSS.value(label, score);
    terms[FOCAL] = weight * focal.ofCrossEntropy(label, p, crossEntropy);
    for (int i = 0; i < custom.length; i++) {
      terms[COUNT + i] = weight * custom[i].value(label, p, weight);
    }
  }
}
