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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      a.writeTo(data);
    }
    return out.toByteArray();
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
  void rowsOfWeightZeroFillNoCell() {
    CompensatedArray a = new CompensatedArray(SIZE);
    a.add(17, 0.0);
    int[] cells = {0};
    a.forEachCell((i, s, c) -> cells[0]++);
    assertEquals(0, cells[0]);
  }
}
