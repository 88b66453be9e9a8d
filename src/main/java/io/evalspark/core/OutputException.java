package io.evalspark.core;

/** A result could not be written or the history could not be read (exit code 1); nothing was half-written. */
public final class OutputException extends EvalsparkException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that names the place, the reason and what to check. */
  public OutputException(String message, Throwable cause) {
    super(message, 1);
    initCause(cause);
  }
}
