package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
    for (EvaluationState<?> s : new EvaluationState<?>[] {binary(), m, g, new BinaryState(BinarySettings.defaults())}) {
      byte[] bytes = s.toByteArray();
      EvaluationState<?> back = EvaluationStates.fromByteArray(bytes);
      assertArrayEquals(bytes, back.toByteArray());
      assertEquals(s.metrics().toString(), back.metrics().toString());
    }
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
