package io.evalspark.core;

/** A failure a user can act on, with the process exit code it maps to. */
public class EvalsparkException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  EvalsparkException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The exit code of the command that failed this way. */
  public int exitCode() {
    return exitCode;
  }
}
