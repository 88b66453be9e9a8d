package io.evalspark.core;

/** What evalspark keeps of other code's error messages: their first line, where the cause is said. */
public final class Messages {
  private Messages() {}

  /**
   * The first line of {@code message} that is not blank, trimmed (Spark's parse errors start with a
   * line break); "no message" for none.
   */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    String text = message.strip();
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).trim();
  }
}
