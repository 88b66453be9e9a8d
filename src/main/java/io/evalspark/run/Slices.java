package io.evalspark.run;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.EvaluationState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Slices by their text as the history stores it: "overall", or "country=DE, device=mobile". */
public final class Slices {
  /** The text of the whole input. */
  public static final String OVERALL = "overall";

  private Slices() {}

  /** The text of a slice key; the empty key is {@link #OVERALL}. */
  public static String text(Map<String, Object> key) {
    if (key.isEmpty()) {
      return OVERALL;
    }
    StringJoiner j = new StringJoiner(", ");
    key.forEach((column, value) -> j.add(column + "=" + value));
    return j.toString();
  }

  /** The overall state first, then each slice's, by text. */
  public static Map<String, EvaluationState<?>> of(EvaluationResult result) {
    Map<String, EvaluationState<?>> out = new LinkedHashMap<>();
    out.put(OVERALL, result.overall());
    for (SliceResult s : result.slices()) {
      out.put(text(s.key()), s.state());
    }
    return out;
  }
}
