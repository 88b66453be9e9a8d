package io.evalspark.core;

/** Training produced a loss or gradient that is not a finite number (exit code 1); nothing is written. */
public final class TrainingDivergedException extends EvalsparkException {
  private static final long serialVersionUID = 1L;

  /** A divergence with a message that says where it happened and what to try. */
  public TrainingDivergedException(String message) {
    super(message, 1);
  }
}
