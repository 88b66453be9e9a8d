package io.evalspark.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What evalspark keeps of other code's error messages (their first line, where the cause is said),
 * and texts and lists of names shortened for its own.
 */
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

  /** {@code failure} and its causes, outermost first, each once (a cause may point back to one before it). */
  public static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** {@code text} as a message quotes it: its first {@code most} characters, then "..." where there are more. */
  public static String shortened(String text, int most) {
    return text.length() > most ? text.substring(0, most) + "..." : text;
  }

  /** The first three of {@code names}, joined with commas, then ", ..." where there are more. */
  public static String firstFew(List<String> names) {
    return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
  }
}
