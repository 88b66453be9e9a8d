package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many rows a state saw, how many it evaluated, and the rows it could not evaluate counted by
 * reason with one example each, so that bad input is reported from the same pass that evaluates.
 */
public final class RowCounts {
  private long evaluated;
  private final Map<String, Long> invalidByReason = new TreeMap<>();
  private final Map<String, String> exampleByReason = new TreeMap<>();

  /** A row's number as the primitive updates take it: NaN standing for null. */
  static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  /** Counts a row that was evaluated. */
  public void evaluated() {
    evaluated++;
  }

  /** Counts {@code rows} rows that were evaluated. */
  void evaluated(long rows) {
    evaluated += rows;
  }

  /** Examples longer than this (a row with many class probabilities) are cut. */
  static final int MAX_EXAMPLE_LENGTH = 300;

  /** Counts a row that could not be evaluated, with the reason and a description of the row. */
  public void invalid(String reason, String example) {
    invalidByReason.merge(reason, 1L, Long::sum);
    if (!exampleByReason.containsKey(reason)) {
      exampleByReason.put(reason, example.length() <= MAX_EXAMPLE_LENGTH
          ? example : example.substring(0, MAX_EXAMPLE_LENGTH) + "...");
    }
  }

  /** Adds another state's counts; examples already held are kept. */
  public void merge(RowCounts other) {
    evaluated += other.evaluated;
    other.invalidByReason.forEach((r, n) -> invalidByReason.merge(r, n, Long::sum));
    other.exampleByReason.forEach(exampleByReason::putIfAbsent);
  }

  /** All rows seen. */
  public long rows() {
    return evaluated + invalidRows();
  }

  /** Rows that entered the metrics. */
  public long evaluatedRows() {
    return evaluated;
  }

  /** Rows left out, all reasons together. */
  public long invalidRows() {
    long n = 0;
    for (long c : invalidByReason.values()) {
      n += c;
    }
    return n;
  }

  /** Invalid rows per reason, in reason order. */
  public Map<String, Long> invalidByReason() {
    return invalidByReason;
  }

  /** One example row per reason. */
  public Map<String, String> exampleByReason() {
    return exampleByReason;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeLong(evaluated);
    out.writeInt(invalidByReason.size());
    for (Map.Entry<String, Long> e : invalidByReason.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
      out.writeUTF(exampleByReason.getOrDefault(e.getKey(), ""));
    }
  }

  static RowCounts readFrom(DataInput in) throws IOException {
    RowCounts r = new RowCounts();
    r.evaluated = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String reason = in.readUTF();
      r.invalidByReason.put(reason, in.readLong());
      r.exampleByReason.put(reason, in.readUTF());
    }
    return r;
  }
}
