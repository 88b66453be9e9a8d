package io.evalspark.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PointLossTest {
  static Stream<Arguments> lossesAndPoints() {
    return Stream.of(
        Arguments.of(new SquaredError(), 1.5, -0.3),
        Arguments.of(new AbsoluteError(), 1.5, -0.3),
        Arguments.of(new AbsolutePercentageError(), -2.0, 0.7),
        Arguments.of(new HuberLoss(1.0), 0.0, 0.4),
        Arguments.of(new HuberLoss(1.0), 0.0, 3.0),
        Arguments.of(new HuberLoss(0.5), 2.0, -1.0),
        Arguments.of(new LogCoshLoss(), 1.0, 2.7),
        Arguments.of(new BinaryCrossEntropy(false), 1.0, 0.3),
        Arguments.of(new BinaryCrossEntropy(false), 0.0, 0.8),
        Arguments.of(new BinaryCrossEntropy(false), 0.25, 0.6),
        Arguments.of(new BinaryCrossEntropy(true), 1.0, -1.2),
        Arguments.of(new BinaryCrossEntropy(true), 0.0, 2.5),
        Arguments.of(new HingeLoss(false), 1.0, 0.3),
        Arguments.of(new HingeLoss(false), 0.0, 0.4),
        Arguments.of(new HingeLoss(false), -1.0, -2.0),
        Arguments.of(new HingeLoss(true), 1.0, 0.3),
        Arguments.of(new HingeLoss(true), 0.0, 0.4),
        Arguments.of(new PoissonLoss(), 3.0, 1.7),
        Arguments.of(new PoissonLoss(), 0.0, 0.2),
        Arguments.of(new SquaredLogError(), 3.0, 1.2),
        Arguments.of(new SquaredLogError(), -0.5, 0.4),
        Arguments.of(new PoissonDeviance(), 3.0, 1.7),
        Arguments.of(new PoissonDeviance(), 0.0, 0.4),
        Arguments.of(new GammaDeviance(), 2.0, 0.7),
        Arguments.of(new FocalLoss(2.0, Double.NaN, false), 1.0, 0.3),
        Arguments.of(new FocalLoss(2.0, 0.25, false), 0.0, 0.6),
        Arguments.of(new FocalLoss(0.5, Double.NaN, false), 0.0, 0.2),
        Arguments.of(new FocalLoss(2.0, Double.NaN, true), 1.0, -0.8),
        Arguments.of(new FocalLoss(3.0, 0.4, true), 0.0, 1.3));
  }

  @ParameterizedTest(name = "{0} at y={1}, p={2}")
  @MethodSource("lossesAndPoints")
  void gradientAgreesWithCentralFiniteDifferences(PointLoss loss, double y, double p) {
    double h = 1e-6;
    double numeric = (loss.value(y, p + h) - loss.value(y, p - h)) / (2 * h);
    assertEquals(numeric, loss.gradient(y, p), 1e-6 * Math.max(1, Math.abs(numeric)));
  }

  @Test
  void valuesFromTheirDefinitions() {
    assertEquals(4.0, new SquaredError().value(1, 3), 0);
    assertEquals(0.5 * 0.25, new HuberLoss(1).value(0, 0.5), 1e-15);
    assertEquals(1.0 * (3 - 0.5), new HuberLoss(1).value(0, 3), 1e-15);
    assertEquals(Math.log(Math.cosh(0.7)), new LogCoshLoss().value(0.2, 0.9), 1e-15);
    assertEquals(-Math.log(0.3), new BinaryCrossEntropy(false).value(1, 0.3), 1e-15);
    assertEquals(-Math.log(1 - 0.8), new BinaryCrossEntropy(false).value(0, 0.8), 1e-15);
    double z = -1.2;
    double p = 1 / (1 + Math.exp(-z));
    assertEquals(-Math.log(p), new BinaryCrossEntropy(true).value(1, z), 1e-15);
    assertEquals(0.5 / 2.0, new AbsolutePercentageError().value(-2.0, -1.5), 1e-15);
    assertEquals(1 - 0.3, new HingeLoss(false).value(1, 0.3), 1e-15);
    assertEquals(1 + 0.4, new HingeLoss(false).value(0, 0.4), 1e-15); // label 0 counts as -1
    assertEquals(0.0, new HingeLoss(false).value(-1, -2), 0);
    assertEquals(0.7 * 0.7, new HingeLoss(true).value(1, 0.3), 1e-15);
    assertEquals(1.7 - 3 * Math.log(1.7 + 1e-7), new PoissonLoss().value(3, 1.7), 1e-15);
  }

  @Test
  void logCoshDoesNotOverflowForLargeErrors() {
    // log(cosh(e)) = e - log 2 + log1p(e^(-2e)); at e = 1000 cosh overflows but the loss is about 999.307.
    assertEquals(1000 - Math.log(2), new LogCoshLoss().value(0, 1000), 1e-9);
  }

  @Test
  void confidentMistakesAreClippedNotInfinite() {
    assertEquals(-Math.log(BinaryCrossEntropy.EPSILON), new BinaryCrossEntropy(false).value(1, 0.0), 1e-9);
  }

  @Test
  void huberRefusesANonPositiveDelta() {
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
  }

  @Test
  void categoricalCrossEntropyOfOneRow() {
    assertEquals(-Math.log(0.5), CategoricalCrossEntropy.value(2, new double[] {0.25, 0.25, 0.5}), 1e-15);
  }
}
