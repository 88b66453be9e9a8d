package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** Score ranges through their byte forms: the compact one, and the one of format versions 6 and older. */
class ScoreRangesTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  /** Bins and their four values (lowest and highest positive, lowest and highest negative). */
  private static final int[] BINS = {2, 3, 700, 9_000};
  private static final double[][] VALUES = {
      {0.25, 0.25, INF, -INF}, // one positive score
      {INF, -INF, 0.31, 0.32}, // negatives of two scores
      {0.7001, 0.7004, 0.7002, 0.7002}, // both classes
      {-0.0, 0.0, INF, -INF}}; // -0.0 and 0.0: two scores, not one

  private static byte[] bytes(ScoreRanges r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      r.writeTo(data);
    }
    return out.toByteArray();
  }

  private static ScoreRanges read(byte[] bytes) throws Exception {
    return ScoreRanges.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  /** The ranges above in the form of format versions 6 and older, written here. */
  private static byte[] plainForm() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      data.writeInt(10_000);
      data.writeInt(BINS.length);
      for (int k = 0; k < BINS.length; k++) {
        data.writeInt(BINS[k]);
        for (double v : VALUES[k]) {
          data.writeDouble(v);
        }
      }
    }
    return out.toByteArray();
  }

  private static double[] valuesOf(ScoreRanges r, int bin) {
    double[] v = new double[ScoreRanges.WIDTH];
    r.copyTo(bin, v, 0);
    return v;
  }

  @Test
  void twoDenseRangesMergeToTheLowestAndHighestScoreOfEachClassInEachBin() {
    int bins = 100;
    java.util.Random r = new java.util.Random(5);
    ScoreRanges[] parts = {new ScoreRanges(bins), new ScoreRanges(bins)};
    double[] expected = new double[ScoreRanges.WIDTH * bins];
    for (int b = 0; b < bins; b++) {
      System.arraycopy(new double[] {INF, -INF, INF, -INF}, 0, expected, ScoreRanges.WIDTH * b, ScoreRanges.WIDTH);
    }
    for (int k = 0; k < 2_000; k++) { // 1,000 rows a part over 100 bins (some left empty): both dense
      int bin = r.nextInt(bins - 10);
      boolean positive = r.nextInt(3) == 0;
      double score = (bin + r.nextDouble()) / bins;
      parts[k % 2].update(bin, positive, score);
      int at = ScoreRanges.WIDTH * bin + (positive ? 0 : 2);
      expected[at] = Math.min(expected[at], score);
      expected[at + 1] = Math.max(expected[at + 1], score);
    }
    parts[0].merge(parts[1]);
    for (int b = 0; b < bins; b++) {
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, ScoreRanges.WIDTH * b, ScoreRanges.WIDTH * (b + 1)),
          valuesOf(parts[0], b), "bin " + b);
    }
  }

  @Test
  void bothFormsMergeBinByBinAsTheRangesTheyReadAs() throws Exception {
    java.util.Random r = new java.util.Random(9);
    for (int filled : new int[] {0, 7, 3_000}) { // into empty, sparse and dense ranges
      ScoreRanges into = new ScoreRanges(10_000);
      for (int k = 0; k < filled; k++) {
        int bin = r.nextInt(10_000);
        into.update(bin, r.nextBoolean(), (bin + r.nextDouble()) / 10_000);
      }
      for (byte[] form : new byte[][] {plainForm(), bytes(read(plainForm()))}) {
        ScoreRanges read = read(bytes(into));
        read.merge(read(form));
        ScoreRanges streamed = read(bytes(into));
        streamed.mergeFrom(new DataInputStream(new ByteArrayInputStream(form)));
        assertArrayEquals(bytes(read), bytes(streamed), filled + " bins filled");
        for (int k = 0; k < BINS.length; k++) { // each class's range holds the one merged in
          double[] got = valuesOf(streamed, BINS[k]);
          for (int c = 0; c < ScoreRanges.WIDTH; c += 2) {
            assertTrue(VALUES[k][c] > VALUES[k][c + 1] || got[c] <= VALUES[k][c] && got[c + 1] >= VALUES[k][c + 1],
                "bin " + BINS[k]);
          }
        }
      }
    }
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> new ScoreRanges(100).mergeFrom(new DataInputStream(new ByteArrayInputStream(plainForm()))));
    assertEquals("score ranges of 10000 bins cannot be added to ones of 100", e.getMessage());
  }

  @Test
  void theFormOfOlderVersionsAndTheCompactFormGiveTheSameRanges() throws Exception {
    ScoreRanges old = read(plainForm());
    ScoreRanges compact = read(bytes(old));
    for (ScoreRanges r : new ScoreRanges[] {old, compact}) {
      for (int k = 0; k < BINS.length; k++) {
        double[] got = valuesOf(r, BINS[k]);
        for (int c = 0; c < ScoreRanges.WIDTH; c++) {
          assertEquals(Double.doubleToRawLongBits(VALUES[k][c]), Double.doubleToRawLongBits(got[c]),
              "bin " + BINS[k] + ", value " + c);
        }
      }
      assertArrayEquals(new double[] {INF, -INF, INF, -INF}, valuesOf(r, 5), "a bin no row reached");
    }
    assertArrayEquals(bytes(old), bytes(compact));
    // a varint each (steps 3, 1, 697, 8,300 times 16 plus flags: 1, 1, 2 and 3 bytes), then the
    // scores: one, two, three (one negative score), two
    assertEquals(4 + 4 + (1 + 1 + 2 + 3) + (1 + 2 + 3 + 2) * 8, bytes(compact).length);
  }
}
