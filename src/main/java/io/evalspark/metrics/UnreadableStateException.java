package io.evalspark.metrics;

/**
 * Bytes that are not a state this build can read: too short, of another kind, of a newer format
 * version, or damaged. Told apart from states that read but cannot be merged (other settings),
 * which are plain {@link IllegalArgumentException}s.
 */
public final class UnreadableStateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnreadableStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
