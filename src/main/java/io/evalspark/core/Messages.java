package io.evalspark.core;

/** What evalspark keeps of other code's error messages: their first line, where the cause is said. */
public final class Messages {
  private Messages() {}

  /** The first line of {@code message}, trimmed; "no message" for none. */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
