package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class StateSerDeTest {
  private static BinaryState binary() {
    BinaryState s = new BinaryState(new BinarySettings(0.3, true, 500, 0.5, 40));
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) s.update(r.nextBoolean() ? 1.0 : 0.0, r.nextGaussian() * 3, 0.1 + r.nextDouble());
    s.update(7.0, 0.1, 1.0);
    return s;
  }

  @Test
  void everyStateRoundTripsByteForByte() {
    MulticlassState m = new MulticlassState(new MulticlassSettings(0, true, false, 0));
    m.update(4.0, 2.0, null, 0.3);
    m.update(1.0, 1.0, null, 1.0 / 3);
    RegressionState g = new RegressionState(new RegressionSettings(2.0));
    g.update(1.0, 1.5, 0.7);
    g.update(-3.0, 1.0 / 3, 1.0);
    for (EvaluationState<?> s : new EvaluationState<?>[] {binary(), m, g, probabilities(),
        new BinaryState(BinarySettings.defaults())}) {
      byte[] bytes = s.toByteArray();
      EvaluationState<?> back = EvaluationStates.fromByteArray(bytes);
      assertArrayEquals(bytes, back.toByteArray());
      assertEquals(s.metrics().toString(), back.metrics().toString());
    }
  }

  /** {@code bytes} without {@code length} bytes from {@code from}, and with {@code version} as its version byte. */
  private static byte[] cut(byte[] bytes, int from, int length, int version) {
    byte[] out = new byte[bytes.length - length];
    System.arraycopy(bytes, 0, out, 0, from);
    System.arraycopy(bytes, from + length, out, from, bytes.length - from - length);
    out[0] = (byte) version;
    return out;
  }

  @Test
  void statesOfVersionTwoReadWithTheLossesAddedSinceUndefined() throws java.io.IOException {
    // Version 2 laid a binary state out as version 3 does, without the focal settings and custom metrics
    // (16 bytes and two counts of 0 after the 57 of the others) and without the last three loss sums
    // (16 bytes each, at the end).
    BinaryState b = binary();
    byte[] three = b.toByteArray();
    byte[] binaryTwo = cut(cut(three, 2 + 57, 24, 2), three.length - 24 - 48, 48, 2);
    BinaryState oldBinary = BinaryState.fromByteArray(binaryTwo);
    assertEquals(b.settings(), oldBinary.settings()); // the default focal loss of binary()
    for (String name : java.util.List.of("hinge", "squared_hinge", "focal_loss")) {
      assertTrue(oldBinary.metrics().get(name).isNaN(), name);
    }
    assertEquals(b.metrics().get("log_loss"), oldBinary.metrics().get("log_loss"));
    assertEquals(b.metrics().get("roc_auc"), oldBinary.metrics().get("roc_auc"));
    BinaryState merged = binary();
    merged.merge(oldBinary);
    assertTrue(merged.metrics().get("hinge").isNaN(), "undefined stays undefined through a merge");
    // A regression state kept no custom metrics (two counts of 0 after the Huber delta in version 3) and five
    // mean losses (32 bytes each) before its two moments (56 bytes each) and largest error; version 3 keeps nine.
    // Version 5 added the absolute error sketch at the end.
    RegressionState g = new RegressionState(new RegressionSettings(2.0));
    g.update(1.0, 1.5, 0.7);
    g.update(3.0, 2.0, 1.0);
    byte[] eight = g.toByteArray();
    int sketch = sketchBytes(1.0).length;
    byte[] regression = cut(eight, eight.length - sketch, sketch, 4);
    byte[] regressionTwo = cut(cut(regression, regression.length - 120 - 128, 128, 2), 2 + 8, 8, 2);
    RegressionState oldRegression = RegressionState.fromByteArray(regressionTwo);
    for (String name : java.util.List.of("msle", "poisson", "mean_poisson_deviance", "mean_gamma_deviance")) {
      assertTrue(oldRegression.metrics().get(name).isNaN(), name);
    }
    for (String name : java.util.List.of("mse", "mae", "huber", "log_cosh", "r2", "max_error")) {
      assertEquals(g.metrics().get(name), oldRegression.metrics().get(name), name);
    }
  }

  /** The byte form of a KLL sketch of the library's default size that holds one value. */
  private static byte[] oneErrorSketch(double error) {
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
    sketch.update(error);
    return sketch.toByteArray();
  }

  /** The byte form, as a state of this version ends with it, of the absolute errors of one row of weight 1. */
  private static byte[] sketchBytes(double error) throws java.io.IOException {
    AbsoluteErrorSketch sketch = new AbsoluteErrorSketch();
    sketch.update(error, 1.0);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    sketch.writeTo(new java.io.DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  /** A regression state of one row of error 2, as version {@code version} writes it but without its sketch. */
  private static byte[] oneRowWithoutSketch(RegressionState now, int version) throws java.io.IOException {
    now.update(1.0, 3.0, 1.0);
    byte[] eight = now.toByteArray();
    int sketch = sketchBytes(2.0).length;
    return cut(eight, eight.length - sketch, sketch, version);
  }

  @Test
  void regressionStatesOfVersionsFiveToSevenReadTheirKllSketchsErrors() throws java.io.IOException {
    // Versions 5 to 7 ended a regression state with a flag (not undefined), the KLL sketch's length and its bytes.
    RegressionState now = new RegressionState(new RegressionSettings(1.0));
    byte[] kll = oneErrorSketch(2.0);
    java.io.ByteArrayOutputStream seven = new java.io.ByteArrayOutputStream();
    seven.write(oneRowWithoutSketch(now, 7));
    java.io.DataOutputStream tail = new java.io.DataOutputStream(seven);
    tail.writeBoolean(false);
    tail.writeInt(kll.length);
    tail.write(kll);
    RegressionState old = RegressionState.fromByteArray(seven.toByteArray());
    assertEquals(2.0, old.metrics().get("median_absolute_error"));
    assertEquals(now.metrics().get("mae"), old.metrics().get("mae"));
    old.merge(now); // errors 2 and 2
    assertEquals(2.0, old.metrics().get("median_absolute_error"));
  }

  @Test
  void regressionStatesOfVersionFourReadWithTheMedianAbsoluteErrorUndefined() throws java.io.IOException {
    // Version 4 laid a regression state out as version 5 does, without the absolute error sketch at the end.
    RegressionState now = new RegressionState(new RegressionSettings(1.0));
    RegressionState old = RegressionState.fromByteArray(oneRowWithoutSketch(now, 4));
    assertEquals(2.0, now.metrics().get("median_absolute_error"));
    assertTrue(old.metrics().get("median_absolute_error").isNaN());
    assertEquals(now.metrics().get("mae"), old.metrics().get("mae"));
    RegressionState merged = new RegressionState(new RegressionSettings(1.0));
    merged.update(2.0, 2.5, 1.0);
    merged.merge(old);
    assertTrue(merged.metrics().get("median_absolute_error").isNaN(), "undefined stays undefined through a merge");
    assertEquals(1.25, merged.metrics().get("mae"), 1e-15);
  }

  private static final double[][] PROBABILITIES = {{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.1, 0.8}, {0.3, 0.3, 0.4}};

  private static MulticlassState probabilities() {
    return probabilities(new MulticlassSettings(3, false, true, 2));
  }

  /** A state of these settings over {@link #PROBABILITIES}. */
  private static MulticlassState probabilities(MulticlassSettings settings) {
    MulticlassState s = new MulticlassState(settings);
    for (int i = 0; i < PROBABILITIES.length; i++) s.update(i % 3, Double.NaN, PROBABILITIES[i], 1.0 + i);
    return s;
  }

  @Test
  void multiclassStatesOfVersionThreeReadWithOneVsRestUndefined() throws java.io.IOException {
    // Version 3 laid a multiclass state out as version 4 does, without the one-vs-rest histograms at the end.
    OneVsRestHistograms histograms = new OneVsRestHistograms();
    for (int i = 0; i < PROBABILITIES.length; i++) histograms.update(i % 3, PROBABILITIES[i], 1.0 + i);
    java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
    histograms.writeTo(new java.io.DataOutputStream(tail));
    MulticlassState now = probabilities();
    byte[] four = settingsWithoutBins(now.toByteArray(), 4);
    byte[] three = cut(four, four.length - tail.size(), tail.size(), 3);
    MulticlassState old = MulticlassState.fromByteArray(three);
    assertTrue(now.metrics().get("macro_roc_auc") > 0.5);
    assertTrue(old.metrics().get("macro_roc_auc").isNaN());
    assertEquals(now.metrics().get("log_loss"), old.metrics().get("log_loss"));
    MulticlassState merged = probabilities();
    merged.merge(old);
    assertTrue(merged.metrics().get("weighted_roc_auc").isNaN(), "undefined stays undefined through a merge");
  }

  /**
   * A multiclass state's bytes as version {@code version} (5 or older) laid them out: without the
   * settings' bins a class (an int after classes, the two flags and top-K).
   */
  private static byte[] settingsWithoutBins(byte[] six, int version) {
    return cut(six, 2 + 4 + 1 + 1 + 4, 4, version);
  }

  @Test
  void multiclassStatesOfVersionFiveReadWithTheDefaultBins() {
    MulticlassState now = probabilities();
    MulticlassState old = MulticlassState.fromByteArray(settingsWithoutBins(now.toByteArray(), 5));
    assertEquals(now.settings(), old.settings(), "no bins named: the default, as the state was made");
    assertEquals(now.metrics(), old.metrics());
    MulticlassState merged = probabilities();
    merged.merge(old);
    MulticlassState expected = probabilities();
    expected.merge(now);
    assertEquals(expected.metrics(), merged.metrics());
  }

  @Test
  void aMulticlassStateKeepsTheBinsItWasGiven() {
    MulticlassState s = probabilities(new MulticlassSettings(3, false, true, 0, 7));
    MulticlassState back = MulticlassState.fromByteArray(s.toByteArray());
    assertEquals(7, back.settings().bins());
    assertArrayEquals(s.toByteArray(), back.toByteArray());
    MulticlassState empty = MulticlassState.fromByteArray(new MulticlassState(s.settings()).toByteArray());
    empty.merge(back);
    assertEquals(s.metrics(), empty.metrics(), "an empty state takes the other's histograms of 7 bins");
  }

  @Test
  void theByteFormStartsWithItsVersion() {
    assertEquals(StateBytes.VERSION, binary().toByteArray()[0]);
  }

  @Test
  void anUnknownVersionOrKindIsRefusedClearly() {
    byte[] bytes = binary().toByteArray();
    bytes[0] = 99;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinaryState.fromByteArray(bytes));
    assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    byte[] regression = new RegressionState(new RegressionSettings(1.0)).toByteArray();
    e = assertThrows(IllegalArgumentException.class, () -> BinaryState.fromByteArray(regression));
    assertTrue(e.getMessage().contains("not a serialised binary state"), e.getMessage());
  }

  @Test
  void statesOfDifferentSettingsDoNotMerge() {
    BinaryState a = new BinaryState(BinarySettings.defaults());
    BinaryState b = new BinaryState(new BinarySettings(0.7, false, 10_000, Double.NaN, 200));
    assertThrows(IllegalArgumentException.class, () -> a.merge(b));
  }
}
