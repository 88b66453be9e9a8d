package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Settings of a binary evaluation: the decision threshold on the probability scale, whether scores
 * are logits, the histogram resolution, the F-beta (NaN for none) and the curve size.
 */
public record BinarySettings(double threshold, boolean fromLogits, int bins, double beta, int curvePoints)
    implements TaskSettings {
  /** Each bin costs 32 bytes per state (two classes, compensated), so a state stays under 32 MB. */
  public static final int MAX_BINS = 1_000_000;
  /** What a filled bin costs a state at most: two classes, a sum and its compensation each. */
  public static final int BYTES_PER_BIN = 32;

  /** Threshold 0.5, probabilities, 10,000 bins, no F-beta, curves of up to 200 points. */
  public static BinarySettings defaults() {
    return new BinarySettings(0.5, false, ScoreHistogram.DEFAULT_BINS, Double.NaN, 200);
  }

  /** Checks the settings, naming the one that is wrong. */
  public BinarySettings {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("threshold must be a probability in [0, 1], got " + threshold);
    }
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be between 1 and " + MAX_BINS + ", got " + bins);
    }
    if (!Double.isNaN(beta) && !(beta > 0.0 && !Double.isInfinite(beta))) {
      throw new IllegalArgumentException("beta must be a positive finite number, got " + beta);
    }
    if (curvePoints < 2) {
      throw new IllegalArgumentException("curve points must be at least 2, got " + curvePoints);
    }
  }

  void requireSame(BinarySettings other) {
    if (!equals(other)) {
      throw new IllegalArgumentException("cannot merge binary states made with different settings: " + this + " and " + other);
    }
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeDouble(threshold);
    out.writeBoolean(fromLogits);
    out.writeInt(bins);
    out.writeDouble(beta);
    out.writeInt(curvePoints);
  }

  static BinarySettings readFrom(DataInput in) throws IOException {
    return new BinarySettings(in.readDouble(), in.readBoolean(), in.readInt(), in.readDouble(), in.readInt());
  }

  @Override
  public Task task() {
    return Task.BINARY;
  }

  @Override
  public BinaryState emptyState() {
    return new BinaryState(this);
  }

  @Override
  public List<String> metricNames() {
    return BinaryCatalogue.CATALOGUE.names(this);
  }
}
