package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationBinsTest {
  @Test
  void expectedCalibrationErrorByHand() {
    // Three bins: (0, 1/3], (1/3, 2/3], (2/3, 1].
    CalibrationBins c = new CalibrationBins(3);
    c.update(0.1, 0, 1);
    c.update(0.3, 1, 1); // bin 1: mean p 0.2, mean y 0.5, gap 0.3, share 2/5
    c.update(0.5, 1, 1); // bin 2: mean p 0.5, mean y 1, gap 0.5, share 1/5
    c.update(0.9, 1, 1);
    c.update(0.7, 0, 1); // bin 3: mean p 0.8, mean y 0.5, gap 0.3, share 2/5
    assertEquals(0.4 * 0.3 + 0.2 * 0.5 + 0.4 * 0.3, c.expectedCalibrationError(), 1e-15);
  }

  @Test
  void binEdgesBelongToTheLowerBinAndZeroToTheFirst() {
    // p = 1/3 sits on the edge: with its label 1 and p = 0 label 0 in the same first bin, the gap is
    // |1 - 1/3| / 2 per row of weight share 1; moved to bin 2 it would be 1/3 * (1/2) + 2/3 * (1/2).
    CalibrationBins c = new CalibrationBins(3);
    c.update(0.0, 0, 1);
    c.update(1.0 / 3, 1, 1);
    assertEquals(Math.abs(1 - 1.0 / 3) / 2, c.expectedCalibrationError(), 1e-15);
  }

  @Test
  void emptyIsUndefined() {
    assertTrue(Double.isNaN(new CalibrationBins(15).expectedCalibrationError()));
  }
}
