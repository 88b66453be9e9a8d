package io.evalspark.sql;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A query's relevant and predicted items as numbers that are equal exactly where the items are:
 * each distinct item is numbered in the order first seen, relevant items first. Strings compare as
 * strings, and numbers by their exact value, so that ids of 64 bits or of 38 digits, which no double
 * holds, stay apart; a null, NaN or infinite item reads as NaN, which makes its row invalid.
 */
final class ItemIds {
  private ItemIds() {}

  /** {@code relevant} and {@code predicted} (each null for a null list) numbered together. */
  static double[][] numbered(Object[] relevant, Object[] predicted) {
    Map<Object, Double> ids = new HashMap<>();
    return new double[][] {numbered(relevant, ids), numbered(predicted, ids)};
  }

  private static double[] numbered(Object[] items, Map<Object, Double> ids) {
    if (items == null) {
      return null;
    }
    double[] out = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = items[i] == null ? Double.NaN : ids.computeIfAbsent(items[i], item -> (double) ids.size());
    }
    return out;
  }

  /**
   * An item of a Spark array as a key equal to another item's exactly where the two are the same:
   * a string as its text; a number as a long where it is a whole number a long holds, otherwise as
   * its exact decimal value; null where it is null, NaN or infinite.
   */
  static Object key(Object item) {
    if (item == null) {
      return null;
    }
    if (item instanceof UTF8String text) {
      return text.toString();
    }
    BigDecimal exact;
    if (item instanceof Double || item instanceof Float) {
      double d = ((Number) item).doubleValue();
      if (!Double.isFinite(d)) {
        return null;
      }
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
      exact = new BigDecimal(d);
    } else if (item instanceof org.apache.spark.sql.types.Decimal decimal) {
      exact = decimal.toJavaBigDecimal();
    } else {
      return ((Number) item).longValue(); // a byte, short, int or long
    }
    exact = exact.stripTrailingZeros();
    try {
      return exact.longValueExact();
    } catch (ArithmeticException notALong) {
      return exact;
    }
  }
}
