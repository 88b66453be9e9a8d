package io.evalspark.report;

import java.util.Locale;

/** A metric's value as the console and the report show it. */
final class ShownValue {
  private ShownValue() {}

  /**
   * "n/a" for an undefined value; a whole number as one (with thousands separators where {@code
   * grouped}); otherwise six decimals, or six significant digits where six decimals would show a
   * value below 1e-4 as 0 or one of 1e9 or more with all its digits (a diverged model's errors
   * have hundreds).
   */
  static String of(Double v, boolean grouped) {
    if (v == null || v.isNaN()) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, grouped ? "%,d" : "%d", v.longValue());
    }
    double size = Math.abs(v);
    boolean extreme = Double.isFinite(v) && (size < 1e-4 || size >= 1e9);
    return String.format(Locale.ROOT, extreme ? "%.6g" : "%.6f", v);
  }
}
