package io.evalspark.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.UsageException;
import org.junit.jupiter.api.Test;

class GateTest {
  @Test
  void aFixedBound() {
    Gate g = Gate.parse("roc_auc >= 0.85");
    assertEquals("roc_auc", g.metric());
    assertEquals(Gate.Reference.NONE, g.reference());
    assertEquals(0.85, g.bound(Double.NaN));
    assertTrue(g.passes(0.85, 0.85));
    assertFalse(g.passes(0.8499, 0.85));
    assertFalse(g.passes(Double.NaN, 0.85), "an undefined value fails");
    assertFalse(g.perSlice());
  }

  @Test
  void significantComesBeforeOrAfterPerSlice() {
    Gate g = Gate.parse("roc_auc >= previous - 0.005 significant");
    assertTrue(g.significant());
    assertFalse(g.perSlice());
    assertEquals(0.795, g.bound(0.8), 1e-15);
    assertTrue(Gate.parse("log_loss <= baseline + 1% significant per slice").perSlice());
    assertTrue(Gate.parse("log_loss <= baseline + 1% per slice significant").significant());
    assertTrue(Gate.parse("roc_auc >= 0.85 significant").significant());
    assertFalse(Gate.parse("roc_auc >= 0.85").significant());
  }

  @Test
  void anOperatingPointNamedWithItsTarget() {
    Gate g = Gate.parse("precision_at_recall_0.9 >= 0.5");
    assertEquals("precision_at_recall_0.9", g.metric());
    assertEquals(0.5, g.bound(Double.NaN));
  }

  @Test
  void aRelativeRiseOverThePreviousRun() {
    Gate g = Gate.parse("log_loss <= previous + 2% per slice");
    assertEquals(Gate.Reference.PREVIOUS, g.reference());
    assertTrue(g.perSlice());
    assertEquals(0.204, g.bound(0.2), 1e-15);
    assertTrue(g.passes(0.204, g.bound(0.2)));
    assertFalse(g.passes(0.2041, g.bound(0.2)));
    // of the magnitude: a negative reference may rise by 2% of |-0.5|
    assertEquals(-0.49, g.bound(-0.5), 1e-15);
  }

  @Test
  void anAbsoluteDropAgainstTheBaselineAndStrictComparisons() {
    Gate g = Gate.parse(" roc_auc>baseline-0.01 ");
    assertEquals(Gate.Reference.BASELINE, g.reference());
    assertEquals(0.89, g.bound(0.9), 1e-15);
    assertFalse(g.passes(0.89, 0.89), "strict");
    assertTrue(g.passes(0.8901, 0.89));
    Gate lower = Gate.parse("ece < 5e-2");
    assertEquals(0.05, lower.bound(0));
    assertTrue(lower.passes(0.049, 0.05));
    assertFalse(lower.passes(0.05, 0.05));
  }

  @Test
  void unreadableGatesNameTheirText() {
    for (String bad : new String[] {"roc_auc => 0.8", "roc_auc >= previous * 2", ">= 0.8", "roc_auc >= 0.8 per"}) {
      UsageException e = assertThrows(UsageException.class, () -> Gate.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void aNumberBeyondADoublesRangeIsRefusedRatherThanMadeInfinite() {
    for (String bad : new String[] {"roc_auc >= 1e400", "roc_auc >= -1e400", "log_loss <= previous + 1e999%",
        "roc_auc >= baseline - 2e308"}) {
      UsageException e = assertThrows(UsageException.class, () -> Gate.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("the gate '" + bad + "' has the number "), e.getMessage());
      assertTrue(e.getMessage().contains("beyond a double's range"), e.getMessage());
    }
    assertEquals(1.7e308, Gate.parse("roc_auc <= 1.7e308").bound(Double.NaN));
    assertEquals(0.0, Gate.parse("roc_auc >= 1e-400").bound(Double.NaN), "a number too small for a double is 0");
  }

  @Test
  void perSliceWrittenTwiceIsRefused() {
    UsageException e = assertThrows(UsageException.class,
        () -> Gate.parse("roc_auc >= 0.5 per slice significant per slice"));
    assertEquals("the gate 'roc_auc >= 0.5 per slice significant per slice' says 'per slice' twice; write it once",
        e.getMessage());
  }
}
