package io.evalspark.run;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.KeptState;
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
