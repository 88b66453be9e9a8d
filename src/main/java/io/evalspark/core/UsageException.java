package io.evalspark.core;

/** The options do not describe an evaluation that can run (exit code 2). */
public final class UsageException extends EvalsparkException {
  private static final long serialVersionUID = 1L;

  /** A usage failure with a message that says what to change. */
  public UsageException(String message) {
    super(message, 2);
  }
}
