package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.Medians;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The absolute errors' buckets against numpy's median, sorted here. */
class AbsoluteErrorSketchTest {
  /** Errors spread over many powers of two (log-normal), one in ten exactly 0, and whole weights 1 to 3. */
  private static double[][] errorsAndWeights(int n, long seed) {
    Random r = new Random(seed);
    double[] errors = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      errors[i] = i % 10 == 0 ? 0.0 : Math.exp(4 * r.nextGaussian());
      weights[i] = 1 + r.nextInt(3);
    }
    return new double[][] {errors, weights};
  }

  private static AbsoluteErrorSketch of(double[] errors, double[] weights, int from, int to) {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    for (int i = from; i < to; i++) {
      s.update(errors[i], weights[i]);
    }
    return s;
  }

  @Test
  void beyondTwoHundredRowsTheMedianIsWithinItsRelativeErrorAndTheSameInAnyOrderOfMerging() throws IOException {
    for (int n : new int[] {150, 1_000, 100_000}) {
      double[][] ew = errorsAndWeights(n, n);
      double[] e = ew[0];
      double[] w = ew[1];
      AbsoluteErrorSketch whole = of(e, w, 0, n);
      Medians.assertWithinRelativeError(e, w, whole.median(), n + " rows");
      AbsoluteErrorSketch a = of(e, w, 0, n / 3);
      AbsoluteErrorSketch b = of(e, w, n / 3, 2 * n / 3);
      AbsoluteErrorSketch c = of(e, w, 2 * n / 3, n);
      AbsoluteErrorSketch cba = of(e, w, 2 * n / 3, n);
      a.merge(b);
      a.merge(c);
      b.merge(of(e, w, 0, n / 3)); // b's rows were merged into a already; b is unchanged by that
      cba.merge(b);
      assertEquals(whole.median(), a.median(), 0.0, n + " rows merged in order");
      assertEquals(whole.median(), cba.median(), 0.0, n + " rows merged in reverse");
      assertEquals(whole.median(), readBack(whole).median(), 0.0, n + " rows written and read");
    }
  }

  @Test
  void upToTwoHundredRowsTheMedianIsExactAndBeyondTheBucketsAreUsed() throws IOException {
    double[][] ew = errorsAndWeights(400, 3);
    double[] e = ew[0];
    double[] ones = Medians.ones(e.length);
    double[] first = java.util.Arrays.copyOf(e, 200);
    AbsoluteErrorSketch exact = of(e, ones, 0, 200);
    assertEquals(Medians.exact(first), exact.median(), 0.0);
    assertEquals(Medians.exact(first), readBack(exact).median(), 0.0);
    AbsoluteErrorSketch merged = of(e, ones, 0, 100);
    merged.merge(of(e, ones, 100, 200));
    assertEquals(Medians.exact(first), merged.median(), 0.0);
    // errors that are not the middle of their buckets: one more row puts them in buckets
    double[] spread = new double[201];
    for (int i = 0; i < spread.length; i++) {
      spread[i] = 1.0 + (i + 0.1) / 4096; // in [1, 1.05): buckets of width 1/64
    }
    AbsoluteErrorSketch bucketed = of(spread, Medians.ones(201), 0, 201);
    double median = Medians.exact(spread);
    assertNotEquals(median, bucketed.median());
    assertEquals(median, bucketed.median(), Medians.RELATIVE_TOLERANCE * median);
  }

  @Test
  void equalErrorsAndZerosAreExactEvenInBuckets() {
    AbsoluteErrorSketch zeros = new AbsoluteErrorSketch();
    AbsoluteErrorSketch threes = new AbsoluteErrorSketch();
    for (int i = 0; i < 1_000; i++) {
      zeros.update(i % 3 == 0 ? 5.0 : 0.0, 1.0);
      threes.update(3.0, 2.0);
    }
    assertEquals(0.0, zeros.median(), 0.0); // two in three rows have no error
    assertEquals(3.0, threes.median(), 0.0); // the bucket's middle, held within the smallest and largest error
  }

  @Test
  void aWeightThatIsNotWholeLeavesItUndefinedThroughMerges() {
    AbsoluteErrorSketch s = new AbsoluteErrorSketch();
    s.update(1.0, 0.5);
    AbsoluteErrorSketch t = new AbsoluteErrorSketch();
    t.update(2.0, 1.0);
    assertEquals(2.0, t.median(), 0.0);
    t.merge(s);
    assertTrue(Double.isNaN(t.median()));
  }

  private static AbsoluteErrorSketch readBack(AbsoluteErrorSketch s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.writeTo(new DataOutputStream(bytes));
    return AbsoluteErrorSketch.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
        StateBytes.VERSION);
  }
}
