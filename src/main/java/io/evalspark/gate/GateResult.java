package io.evalspark.gate;

import java.util.Locale;

/**
 * One gate checked on one slice of one evaluation.
 *
 * @param gate the gate
 * @param evaluation the evaluation's name
 * @param slice the slice's text ("overall" for the whole input)
 * @param value the metric's value (NaN when undefined)
 * @param bound the bound the value was held to (NaN when skipped)
 * @param reference where the bound's reference value came from, or why there was none
 * @param referenceValue the reference value (NaN for a fixed bound)
 * @param status the verdict
 * @param significance for a {@code significant} gate, the difference from the bound and its interval; else null
 */
public record GateResult(Gate gate, String evaluation, String slice, double value, double bound, String reference,
    double referenceValue, Status status, Significance significance) {

  /** A result of a gate without {@code significant}. */
  public GateResult(Gate gate, String evaluation, String slice, double value, double bound, String reference,
      double referenceValue, Status status) {
    this(gate, evaluation, slice, value, bound, reference, referenceValue, status, null);
  }

  /**
   * What a {@code significant} gate weighed: value − bound, its two-sided interval at {@code level}
   * from the standard errors of both runs (the reference's 0 where none was recorded), and a note
   * on what was missing.
   */
  public record Significance(double difference, double lower, double upper, double level, String note) {}

  /** A gate's verdict. A gate with nothing to compare with (the first run) is skipped, not failed. */
  public enum Status { PASSED, FAILED, SKIPPED }

  /** One line: verdict, gate, where, value, bound and reference. */
  public String summary() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s %s [evaluation %s, slice %s]: value %s",
        status, gate.text(), evaluation, slice, number(value)));
    if (status == Status.SKIPPED) {
      return s.append(", skipped: ").append(reference).toString();
    }
    s.append(", bound ").append(number(bound));
    if (gate.reference() != Gate.Reference.NONE) {
      s.append(", ").append(reference).append(": ").append(number(referenceValue));
    }
    if (significance != null) {
      s.append(String.format(Locale.ROOT, ", difference from the bound %s, %.0f%% interval [%s, %s]",
          number(significance.difference()), 100 * significance.level(), number(significance.lower()),
          number(significance.upper())));
      s.append(status == Status.FAILED ? ": the crossing is significant" : ": not a significant crossing");
      if (!significance.note().isEmpty()) {
        s.append(" (").append(significance.note()).append(')');
      }
    }
    return s.toString();
  }

  static String number(double v) {
    return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.6g", v);
  }
}
