package io.evalspark.gate;

import io.evalspark.core.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition a run must meet, written as text: a fixed bound ({@code roc_auc >= 0.85}), or a
 * bound relative to a reference value, the previous run in the history ({@code log_loss <=
 * previous + 2%}) or the baseline model ({@code roc_auc >= baseline - 0.01}). A percentage is
 * of the reference's magnitude, so {@code + 2%} allows a rise of 2% relative whatever the sign. With
 * {@code per slice} at the end the gate holds for every slice as well as overall. With {@code
 * significant} it fails only when the data show, at the run's confidence level, that the bound is
 * crossed: the interval of (value − bound), from both runs' standard errors, lies wholly on the
 * failing side.
 *
 * @param text the gate as written
 * @param metric the metric it bounds
 * @param atLeast whether the value must be at least ({@code >=}, {@code >}) or at most the bound
 * @param strict whether equality fails ({@code >}, {@code <})
 * @param reference what the bound is relative to
 * @param amount the fixed bound, or the signed allowance added to the reference
 * @param relative whether {@code amount} is a percentage of the reference
 * @param perSlice whether every slice is checked too
 * @param significant whether it fails only on a crossing the data show beyond their noise
 */
public record Gate(String text, String metric, boolean atLeast, boolean strict, Reference reference, double amount,
    boolean relative, boolean perSlice, boolean significant) {

  /** What a bound is relative to. */
  public enum Reference { NONE, PREVIOUS, BASELINE }

  private static final String NUMBER = "[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?";
  private static final Pattern FORM = Pattern.compile(
      "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[0-9]+)?)\\s*(>=|<=|>|<)\\s*(?:([-+]?(?:" + NUMBER + "))"
      + "|(previous|baseline)(?:\\s*([-+])\\s*(" + NUMBER + ")\\s*(%)?)?)\\s*(per\\s+slice)?\\s*(significant)?"
      + "\\s*(per\\s+slice)?\\s*");

  /** Parses a gate, or fails naming the text and the forms that are understood. */
  public static Gate parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new UsageException("cannot read the gate '" + text + "'; write METRIC >= NUMBER, METRIC <= NUMBER,"
          + " METRIC <= previous + 2%, METRIC >= baseline - 0.01, optionally followed by 'significant' and 'per slice'");
    }
    boolean atLeast = m.group(2).startsWith(">");
    boolean strict = m.group(2).length() == 1;
    if (m.group(8) != null && m.group(10) != null) {
      throw new UsageException("the gate '" + text + "' says 'per slice' twice; write it once");
    }
    boolean perSlice = m.group(8) != null || m.group(10) != null;
    boolean significant = m.group(9) != null;
    if (m.group(3) != null) {
      return new Gate(text.trim(), m.group(1), atLeast, strict, Reference.NONE, finite(text, m.group(3)),
          false, perSlice, significant);
    }
    Reference reference = m.group(4).equals("previous") ? Reference.PREVIOUS : Reference.BASELINE;
    double amount = m.group(6) == null ? 0.0 : finite(text, m.group(6));
    if ("-".equals(m.group(5))) {
      amount = -amount;
    }
    return new Gate(text.trim(), m.group(1), atLeast, strict, reference, amount, m.group(7) != null, perSlice,
        significant);
  }

  /** The number written {@code number} in the gate {@code text}; refused beyond a double's range, as infinite. */
  private static double finite(String text, String number) {
    double value = Double.parseDouble(number);
    if (Double.isInfinite(value)) { // a bound of infinity fails or passes every value: the gate would mean nothing
      throw new UsageException("the gate '" + text + "' has the number " + number + ", beyond a double's range"
          + " (about 1.8e308); write a finite number");
    }
    return value;
  }

  /** Whether {@code other} checks the same condition, however written ({@code roc_auc>=.5}, {@code roc_auc >= 0.5}). */
  public boolean sameCheckAs(Gate other) {
    return withText("").equals(other.withText(""));
  }

  private Gate withText(String newText) {
    return new Gate(newText, metric, atLeast, strict, reference, amount, relative, perSlice, significant);
  }

  /** The bound for a reference value; a fixed bound ignores it. */
  public double bound(double referenceValue) {
    if (reference == Reference.NONE) {
      return amount;
    }
    return relative ? referenceValue + amount / 100.0 * Math.abs(referenceValue) : referenceValue + amount;
  }

  /** Whether {@code value} meets {@code bound}; an undefined (NaN) value never does. */
  public boolean passes(double value, double bound) {
    if (Double.isNaN(value) || Double.isNaN(bound)) {
      return false;
    }
    if (atLeast) {
      return strict ? value > bound : value >= bound;
    }
    return strict ? value < bound : value <= bound;
  }
}
