package io.evalspark.run;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.KeptState;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** Slices by their text as the history stores it: "overall", or "country=DE, device=mobile". */
public final class Slices {
  /** The text of the whole input. */
  public static final String OVERALL = "overall";

  private Slices() {}

  /**
   * The text of a slice key; the empty key is {@link #OVERALL}. Two keys of the same columns never
   * have the same text (see {@link #value}).
   */
  public static String text(Map<String, Object> key) {
    if (key.isEmpty()) {
      return OVERALL;
    }
    StringJoiner j = new StringJoiner(", ");
    for (Iterator<Map.Entry<String, Object>> each = key.entrySet().iterator(); each.hasNext();) {
      Map.Entry<String, Object> e = each.next();
      j.add(e.getKey() + "=" + value(e.getValue(), each.hasNext()));
    }
    return j.toString();
  }

  /**
   * The text of one value of a slice's or a model's column, as the history, gates and report folders
   * name it: null as {@code null}; a date, number or boolean as Java writes it ({@code 2026-11-30},
   * {@code 0.5}, {@code true}); a string as it is, unless it would read as another value: the
   * string "null", or one that starts with a double quote, is written in double quotes (with {@code
   * \"} and {@code \\} inside).
   */
  public static String value(Object value) {
    return value(value, false);
  }

  /** As {@link #value(Object)}; a string followed by another column's value is also quoted when it holds ", ". */
  private static String value(Object value, boolean followed) {
    if (!(value instanceof String s)) {
      return String.valueOf(value);
    }
    boolean quoted = s.equals("null") || s.startsWith("\"") || (followed && s.contains(", "));
    return quoted ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : s;
  }

  /**
   * The overall state first, then each slice's, by text: the states kept as the result keeps them
   * (a pass's slices as bytes, read as they are asked for).
   */
  public static SliceStates of(EvaluationResult result) {
    SliceStates out = new SliceStates();
    out.keep(OVERALL, KeptState.itself(result.overall()));
    for (SliceResult s : result.slices()) {
      out.keep(text(s.key()), s.kept());
    }
    return out;
  }
}
