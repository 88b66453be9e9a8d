package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The array's sums against exact decimal sums, sparse and dense alike, and its byte form. */
class CompensatedArrayTest {
  private static final int SIZE = 10_000;

  private static byte[] bytes(CompensatedArray a) throws Exception {
    return written(a::writeTo);
  }

  /** What {@code body} writes, by hand. */
  private static byte[] written(Body body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      body.write(data);
    }
    return out.toByteArray();
  }

  private interface Body {
    void write(DataOutputStream data) throws Exception;
  }

  /** The message of the error that reading {@code bytes} as an array ends in. */
  private static String refusal(byte[] bytes) {
    return org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> read(bytes)).getMessage();
  }

  private static CompensatedArray read(byte[] bytes) throws Exception {
    return CompensatedArray.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  @Test
  void sumsMatchExactSumsWhetherFewOrManyCellsAreFilled() throws Exception {
    for (int adds : new int[] {5, 500, 1_200, 1_300, 50_000}) { // the dense turn is at 1,250 cells
      Random r = new Random(adds);
      CompensatedArray a = new CompensatedArray(SIZE);
      BigDecimal[] exact = new BigDecimal[SIZE];
      for (int k = 0; k < adds; k++) {
        int i = r.nextInt(SIZE);
        double w = r.nextDouble() * Math.pow(10, r.nextInt(10) - 5);
        a.add(i, w);
        exact[i] = (exact[i] == null ? BigDecimal.ZERO : exact[i]).add(new BigDecimal(w));
      }
      BigDecimal total = BigDecimal.ZERO;
      for (int i = 0; i < SIZE; i++) {
        double expected = exact[i] == null ? 0.0 : exact[i].doubleValue();
        assertEquals(expected, a.get(i), Math.ulp(expected), "cell " + i + " after " + adds + " adds");
        total = exact[i] == null ? total : total.add(exact[i]);
      }
      assertEquals(total.doubleValue(), a.total(), 2 * Math.ulp(total.doubleValue()));
      byte[] once = bytes(a);
      assertArrayEquals(once, bytes(read(once)), adds + " adds: the byte form round-trips exactly");
    }
  }

  @Test
  void mergingSparseIntoDenseAndDenseIntoSparseAgree() {
    Random r = new Random(3);
    CompensatedArray few = new CompensatedArray(SIZE);
    CompensatedArray many = new CompensatedArray(SIZE);
    for (int k = 0; k < 20; k++) {
      few.add(r.nextInt(SIZE), r.nextDouble());
    }
    for (int k = 0; k < 20_000; k++) {
      many.add(r.nextInt(SIZE), r.nextDouble());
    }
    CompensatedArray a = new CompensatedArray(SIZE);
    a.merge(few);
    a.merge(many);
    CompensatedArray b = new CompensatedArray(SIZE);
    b.merge(many);
    b.merge(few);
    for (int i = 0; i < SIZE; i++) {
      assertEquals(few.get(i) + many.get(i), a.get(i), 1e-12, "cell " + i);
      assertEquals(a.get(i), b.get(i), 1e-12, "cell " + i);
    }
  }

  @Test
  void twoDenseArraysMergeToTheExactSumsOfTheirCells() {
    Random r = new Random(4);
    CompensatedArray[] parts = {new CompensatedArray(SIZE), new CompensatedArray(SIZE)};
    BigDecimal[] exact = new BigDecimal[SIZE];
    for (int k = 0; k < 40_000; k++) { // 20,000 adds an array: both dense
      int i = r.nextInt(SIZE);
      double w = r.nextDouble() * Math.pow(10, r.nextInt(10) - 5);
      parts[k % 2].add(i, w);
      exact[i] = (exact[i] == null ? BigDecimal.ZERO : exact[i]).add(new BigDecimal(w));
    }
    parts[0].merge(parts[1]);
    for (int i = 0; i < SIZE; i++) {
      double expected = exact[i] == null ? 0.0 : exact[i].doubleValue();
      assertEquals(expected, parts[0].get(i), Math.ulp(expected), "cell " + i);
    }
  }

  @Test
  void rowsOfWeightZeroFillNoCell() {
    CompensatedArray a = new CompensatedArray(SIZE);
    a.add(17, 0.0);
    int[] cells = {0};
    a.forEachCell((i, s, c) -> cells[0]++);
    assertEquals(0, cells[0]);
  }

  /** {@code cells} (index, sum, rounding) in the form of format versions 6 and older, written here. */
  private static byte[] plainForm(int size, double[][] cells) throws Exception {
    return written(data -> {
      data.writeInt(size);
      data.writeInt(cells.length);
      for (double[] cell : cells) {
        data.writeInt((int) cell[0]);
        data.writeDouble(cell[1]);
        data.writeDouble(cell[2]);
      }
    });
  }

  @Test
  void theFormOfOlderVersionsReadsAndTheCompactFormTakesTwoBytesACellOfFewRowsThatWeighOne() throws Exception {
    double[][] cells = {{0, 1.0, 0.0}, {3, 2.5, 1e-17}, {127, -0.0, 0.0}, {128, 0.0, -3e-18}, {9_999, 7.0, 0.0}};
    double[][] holding = {cells[0], cells[1], cells[3], cells[4]}; // -0.0 and 0.0 hold nothing
    CompensatedArray old = read(plainForm(SIZE, cells));
    CompensatedArray compact = read(bytes(old));
    for (CompensatedArray a : new CompensatedArray[] {old, compact}) {
      java.util.List<double[]> seen = new java.util.ArrayList<>();
      a.forEachCell((i, sum, rounding) -> seen.add(new double[] {i, sum, rounding}));
      assertEquals(holding.length, seen.size());
      for (int k = 0; k < holding.length; k++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(Double.doubleToRawLongBits(holding[k][j]), Double.doubleToRawLongBits(seen.get(k)[j]),
              "cell " + holding[k][0] + ", part " + j);
        }
      }
    }
    assertArrayEquals(bytes(old), bytes(compact));
    // steps 1, 3, 125 and 9,871 as 6, 13, 501 and 39,486 (four times, plus 2 for a count, 1 for a
    // rounding): 1, 1, 2 and 3 bytes; the counts 1 and 7 a byte each, 2.5 and 0.0 and their roundings 8 each
    assertEquals(4 + 4 + (1 + 1 + 2 + 3) + 2 + 2 * 8 + 2 * 8, bytes(compact).length);
    CompensatedArray dense = new CompensatedArray(10); // dense from the start, written the same way
    dense.add(9, 1.0);
    assertEquals(4 + 4 + 1 + 1, bytes(dense).length);
    assertEquals(1.0, read(bytes(dense)).get(9));
  }

  @Test
  void countsAreWrittenAsWholeNumbersAndOtherSumsAsTheyAre() throws Exception {
    double[] sums = {1.0, 127.0, 128.0, 0x1p53, 0x1p53 + 2, 0.5, 3.000000000000001, -4.0, 1e300};
    CompensatedArray a = new CompensatedArray(SIZE);
    for (int i = 0; i < sums.length; i++) {
      a.add(10 * i, sums[i]);
    }
    CompensatedArray back = read(bytes(a));
    for (int i = 0; i < sums.length; i++) {
      assertEquals(Double.doubleToRawLongBits(sums[i]), Double.doubleToRawLongBits(back.get(10 * i)), "sum " + sums[i]);
    }
    assertArrayEquals(bytes(a), bytes(back));
    // 1 and 127 a byte, 128 two, 2^53 eight; the rest (above 2^53, not whole, negative) 8 bytes as doubles
    assertEquals(4 + 4 + sums.length + (1 + 1 + 2 + 8) + 5 * 8, bytes(a).length);
  }

  @Test
  void theCompactFormOfVersionsSevenAndEightReadsAndMerges() throws Exception {
    byte[] eight = written(data -> {
      data.writeInt(-1 - SIZE);
      data.writeInt(2); // not marked: every sum a double, a step twice the distance plus one for a rounding
      data.writeByte(2 * 1);
      data.writeDouble(3.0);
      data.writeByte(2 * 4 + 1);
      data.writeDouble(2.5);
      data.writeDouble(1e-17);
    });
    CompensatedArray a = read(eight);
    java.util.List<double[]> seen = new java.util.ArrayList<>();
    a.forEachCell((i, sum, rounding) -> seen.add(new double[] {i, sum, rounding}));
    assertEquals(2, seen.size());
    assertArrayEquals(new double[] {0, 3.0, 0.0}, seen.get(0));
    assertArrayEquals(new double[] {4, 2.5, 1e-17}, seen.get(1));
    CompensatedArray into = new CompensatedArray(SIZE);
    into.add(4, 1.0);
    into.mergeFrom(new DataInputStream(new ByteArrayInputStream(eight)));
    assertEquals(3.0, into.get(0), 0.0);
    assertEquals(3.5 + 1e-17, into.get(4), 0.0);
  }

  @Test
  void bothFormsMergeCellByCellAsTheArraysTheyReadAs() throws Exception {
    double[][] cells = {{0, 1.0, 0.0}, {3, 2.5, 1e-17}, {127, -0.0, 0.0}, {128, 0.0, -3e-18}, {9_999, 7.0, 0.0}};
    Random r = new Random(3);
    for (int filled : new int[] {0, 5, 3_000}) { // into an empty, a sparse and a dense array
      CompensatedArray into = new CompensatedArray(SIZE);
      for (int k = 0; k < filled; k++) {
        into.add(r.nextInt(SIZE), r.nextDouble());
      }
      for (byte[] form : new byte[][] {plainForm(SIZE, cells), bytes(read(plainForm(SIZE, cells)))}) {
        CompensatedArray read = read(bytes(into));
        read.merge(read(form));
        CompensatedArray streamed = read(bytes(into));
        streamed.mergeFrom(new DataInputStream(new ByteArrayInputStream(form)));
        assertArrayEquals(bytes(read), bytes(streamed), filled + " cells filled");
        assertEquals(into.get(3) + 2.5 + 1e-17, streamed.get(3), 0.0);
      }
    }
    CompensatedArray small = new CompensatedArray(100);
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> small.mergeFrom(new DataInputStream(new ByteArrayInputStream(plainForm(SIZE, cells)))));
    assertEquals("an array of 10000 cells cannot be added to one of 100", e.getMessage());
  }

  @Test
  void aCompactFormOutOfOrderOrWithACellOfAnUnknownKindIsRefused() throws Exception {
    byte[] outOfOrder = written(data -> {
      data.writeInt(-1 - SIZE);
      data.writeInt(-1 - 2);
      data.writeByte(4 * 5 + 2);
      data.writeByte(1);
      data.writeByte(2); // a step of 0: the same cell again
      data.writeByte(1);
    });
    assertEquals("cell 4 is out of order or outside 0..9999", refusal(outOfOrder));
    byte[] unknownKind = written(data -> {
      data.writeInt(-1 - SIZE);
      data.writeInt(-1 - 1);
      data.writeByte(4 * 3 + 3);
      data.writeDouble(1.0);
    });
    assertEquals("cell 2 is of kind 3; the kinds are 0 to 2", refusal(unknownKind));
  }
}
