package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The intervals' coverage: many small samples from a population whose metrics are known in closed
 * form (or by numerical integration), and how often the 95% interval holds them; and the byte form.
 */
class IntervalStateTest {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double POSITIVES = 0.3;
  private static final double SEPARATION = 1.6;
  private static final double OFFSET = 1.0;

  /** A row of the population: label 1 with probability 0.3, score the sigmoid of N(0, 1) + 1.6 y - 1. */
  private static double[] binaryRow(Random r) {
    double y = r.nextDouble() < POSITIVES ? 1 : 0;
    return new double[] {y, sigmoid(r.nextGaussian() + SEPARATION * y - OFFSET)};
  }

  private static double sigmoid(double m) {
    return 1 / (1 + Math.exp(-m));
  }

  /** E[f(z)] for z ~ N(0, 1), by Simpson's rule over [-12, 12]. */
  private static double expectation(DoubleUnaryOperator f) {
    int n = 24_000;
    double h = 24.0 / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double z = -12 + i * h;
      double weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * f.applyAsDouble(z) * NORMAL.density(z);
    }
    return sum * h / 3;
  }

  /** The population's metrics: AUC = Phi(d / sqrt 2), accuracy in closed form, the losses integrated. */
  private static Map<String, Double> population() {
    double auc = NORMAL.cumulativeProbability(SEPARATION / Math.sqrt(2));
    double accuracy = POSITIVES * NORMAL.cumulativeProbability(SEPARATION - OFFSET)
        + (1 - POSITIVES) * NORMAL.cumulativeProbability(OFFSET);
    double logLoss = POSITIVES * expectation(z -> -Math.log(sigmoid(z + SEPARATION - OFFSET)))
        + (1 - POSITIVES) * expectation(z -> -Math.log(1 - sigmoid(z - OFFSET)));
    double brier = POSITIVES * expectation(z -> Math.pow(1 - sigmoid(z + SEPARATION - OFFSET), 2))
        + (1 - POSITIVES) * expectation(z -> Math.pow(sigmoid(z - OFFSET), 2));
    return Map.of("roc_auc", auc, "accuracy", accuracy, "log_loss", logLoss, "brier", brier);
  }

  @Test
  void binaryIntervalsHoldThePopulationValueInAbout95PercentOfSamples() {
    Map<String, Double> truth = population();
    Random r = new Random(21);
    int samples = 300;
    Map<String, int[]> held = Map.of("roc_auc", new int[1], "accuracy", new int[1], "log_loss", new int[1],
        "brier", new int[1]);
    for (int s = 0; s < samples; s++) {
      IntervalState state = new IntervalState(BinarySettings.defaults());
      for (int i = 0; i < 600; i++) {
        double[] row = binaryRow(r);
        ((BinaryState) state.whole()).update(row[0], row[1], 1.0, state.binaryGroups(), state.nextRow());
      }
      Intervals intervals = state.intervals(0.95);
      held.forEach((name, count) -> {
        Intervals.Interval i = intervals.metrics().get(name);
        if (i.lower() <= truth.get(name) && truth.get(name) <= i.upper()) {
          count[0]++;
        }
      });
    }
    held.forEach((name, count) -> {
      double coverage = count[0] / (double) samples;
      assertTrue(coverage >= 0.90 && coverage <= 0.99, name + ": the 95% interval held the population's "
          + truth.get(name) + " in " + coverage + " of the samples");
    });
  }

  @Test
  void regressionIntervalsHoldThePopulationValueInAbout95PercentOfSamples() {
    // y = 2x + e (0.5 + |x|), prediction 1.8x, x and e N(0, 1): mse = 0.04 + E[(0.5 + |x|)^2] = 1.29 + sqrt(2 / pi)
    double mse = 1.29 + Math.sqrt(2 / Math.PI);
    Random r = new Random(22);
    int samples = 300;
    int held = 0;
    for (int s = 0; s < samples; s++) {
      IntervalState state = new IntervalState(RegressionSettings.defaults());
      for (int i = 0; i < 400; i++) {
        double x = r.nextGaussian();
        double y = 2 * x + r.nextGaussian() * (0.5 + Math.abs(x));
        ((RegressionState) state.whole()).update(y, 1.8 * x, 1.0);
        ((RegressionState) state.group(state.nextRow())).update(y, 1.8 * x, 1.0);
      }
      Intervals.Interval i = state.intervals(0.95).metrics().get("mse");
      if (i.lower() <= mse && mse <= i.upper()) {
        held++;
      }
    }
    double coverage = held / (double) samples;
    assertTrue(coverage >= 0.90 && coverage <= 0.99, "mse: the 95% interval held " + mse + " in " + coverage);
  }

  @Test
  void groupRowsGatheredInSumsMakeTheGroupStatesThatCountingEachRowMakes() {
    // past the rows counted directly, a group's rows are gathered in plain sums; the states they
    // become must be those of the same rows counted one by one (the losses and a custom metric too)
    BinarySettings settings = BinarySettings.defaults().focal(1.5, 0.3)
        .with(CustomMetrics.parse(List.of("err=abs(y - p) * 1000")));
    BinarySettings coarse = (BinarySettings) IntervalState.groupSettings(settings);
    BinaryState[] counted = new BinaryState[IntervalState.GROUPS];
    for (int g = 0; g < counted.length; g++) {
      counted[g] = new BinaryState(coarse, false);
    }
    IntervalState state = new IntervalState(settings);
    Random r = new Random(5);
    for (int i = 0; i < 8 * BinaryGroupSums.DIRECT_ROWS; i++) {
      double[] row = binaryRow(r);
      double weight = 0.25 + r.nextDouble();
      long number = r.nextLong();
      ((BinaryState) state.whole()).update(row[0], row[1], weight, state.binaryGroups(), number);
      counted[IntervalState.groupIndex(number)].update(row[0], row[1], weight);
    }
    IntervalState read = (IntervalState) EvaluationStates.fromByteArray(state.toByteArray());
    for (int g = 0; g < counted.length; g++) {
      BinaryState group = (BinaryState) read.group(g);
      assertEquals(counted[g].rowCounts().evaluatedRows(), group.rowCounts().evaluatedRows(), "rows of group " + g);
      Map<String, Double> metrics = group.metrics();
      int n = g;
      counted[g].metrics().forEach((name, expected) -> assertEquals(expected, metrics.get(name),
          1e-12 * Math.max(1, Math.abs(expected)), name + " of group " + n));
    }
  }

  @Test
  void anIntervalStateReadsBackWithTheSameIntervalsAndMergesAsOne() {
    Random r = new Random(3);
    IntervalState all = new IntervalState(BinarySettings.defaults());
    IntervalState first = new IntervalState(BinarySettings.defaults());
    IntervalState second = new IntervalState(BinarySettings.defaults());
    for (int i = 0; i < 3000; i++) {
      double[] row = binaryRow(r);
      for (IntervalState s : List.of(all, i < 1000 ? first : second)) {
        ((BinaryState) s.whole()).update(row[0], row[1], 1.0);
        ((BinaryState) s.group(i)).update(row[0], row[1], 1.0);
      }
    }
    first.merge(second);
    IntervalState read = (IntervalState) EvaluationStates.fromByteArray(all.toByteArray());
    Map<String, Intervals.Interval> expected = all.intervals(0.9).metrics();
    for (IntervalState s : List.of(read, first)) {
      s.intervals(0.9).metrics().forEach((name, i) -> {
        assertEquals(expected.get(name).stderr(), i.stderr(), 1e-12 * Math.max(1, Math.abs(i.stderr())), name);
        assertEquals(expected.get(name).lower(), i.lower(), 1e-9 * Math.max(1, Math.abs(i.lower())), name);
      });
    }
    assertEquals(all.metrics(), read.metrics());
  }
}
