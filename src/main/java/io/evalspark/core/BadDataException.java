package io.evalspark.core;

/** The input does not hold what the evaluation needs: a column, a type, valid values (exit code 3). */
public final class BadDataException extends EvalsparkException {
  private static final long serialVersionUID = 1L;

  /** A data failure with a message that names the column and what was expected. */
  public BadDataException(String message) {
    super(message, 3);
  }
}
