package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Means sharing one weight sum against as many {@link MeanLoss}es, each keeping its own. */
class SameRowMeansTest {
  private static final int COUNT = 3;

  /** Rows {@code from..to-1} of a seeded stream: three values and a weight each, into both forms. */
  private static void addRows(SameRowMeans shared, MeanLoss[] own, long seed, int rows) {
    Random r = new Random(seed);
    for (int row = 0; row < rows; row++) {
      double w = row % 3 == 0 ? 1.0 : r.nextDouble() * 5;
      for (int i = 0; i < COUNT; i++) {
        double value = r.nextGaussian() * Math.pow(10, i * 4);
        shared.add(i, value, w);
        own[i].update(value, w);
      }
      shared.addRow(w);
    }
  }

  private static MeanLoss[] means() {
    MeanLoss[] own = new MeanLoss[COUNT];
    for (int i = 0; i < COUNT; i++) {
      own[i] = new MeanLoss();
    }
    return own;
  }

  private static byte[] bytes(SameRowMeans shared) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    shared.writeTo(new DataOutputStream(b));
    return b.toByteArray();
  }

  private static byte[] bytes(MeanLoss[] own) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    for (MeanLoss m : own) {
      m.writeTo(out);
    }
    return b.toByteArray();
  }

  @Test
  void meansAndBytesAreThoseOfMeansKeepingTheirOwnWeight() throws IOException {
    SameRowMeans shared = new SameRowMeans(COUNT);
    MeanLoss[] own = means();
    addRows(shared, own, 1, 10_000);
    SameRowMeans other = new SameRowMeans(COUNT);
    MeanLoss[] otherOwn = means();
    addRows(other, otherOwn, 2, 777);
    shared.merge(other);
    for (int i = 0; i < COUNT; i++) {
      own[i].merge(otherOwn[i]);
      assertEquals(own[i].mean(), shared.mean(i), 0.0);
      assertEquals(own[i].total(), shared.total(i), 0.0);
    }
    assertArrayEquals(bytes(own), bytes(shared));
  }

  @Test
  void readsWhatItWroteAndMarksUnkeptMeansUndefined() throws IOException {
    SameRowMeans shared = new SameRowMeans(COUNT);
    MeanLoss[] own = means();
    addRows(shared, own, 3, 100);
    byte[] written = bytes(shared);
    SameRowMeans read = SameRowMeans.readFrom(new DataInputStream(new ByteArrayInputStream(written)), COUNT, COUNT);
    assertArrayEquals(written, bytes(read));
    assertEquals(own[2].mean(), read.mean(2), 0.0);

    // an older byte form that kept only the first two means
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    own[0].writeTo(out);
    own[1].writeTo(out);
    SameRowMeans older = SameRowMeans.readFrom(new DataInputStream(new ByteArrayInputStream(b.toByteArray())), COUNT, 2);
    assertEquals(own[1].mean(), older.mean(1), 0.0);
    assertTrue(Double.isNaN(older.mean(2)));
  }

  @Test
  void noRowsMeansUndefined() {
    SameRowMeans empty = new SameRowMeans(COUNT);
    assertTrue(Double.isNaN(empty.mean(0)));
  }
}
