package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Average precision over refined cells of rows that weigh 1: a cell of two positives at distinct
 * scores, its negatives all on one side, adds its exact share; otherwise the bounds stay apart.
 */
class RankingMetricsTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /**
   * Three cells: a negative at 0.10; positives at 0.21 and 0.25 with a negative at {@code negative}
   * (0.28 puts it above both, 0.23 between them); a positive at 0.5.
   */
  private static HistogramView cells(double negative) {
    double[] edge = {0.1, 0.2, 0.5};
    double[] positives = {0, 2, 1};
    double[] negatives = {1, 1, 0};
    double[] ranges = {INF, -INF, 0.10, 0.10, 0.21, 0.25, negative, negative, 0.5, 0.5, INF, -INF};
    return new HistogramView(10, edge, positives, negatives, ranges);
  }

  private static double reference(double negative) {
    double[] y = {0, 1, 1, 0, 1};
    double[] s = {0.10, 0.21, 0.25, negative, 0.5};
    return Reference.averagePrecision(y, s, new double[] {1, 1, 1, 1, 1});
  }

  @Test
  void twoPositivesApartWithTheirNegativeAboveAddTheirExactShare() {
    HistogramView h = cells(0.28).ofRowsThatWeighOne();
    double exact = reference(0.28);
    assertEquals((1 + 2.0 / 3 + 3.0 / 4) / 3, exact, 1e-15, "the reference by hand");
    assertTrue(h.twoPositivesApart(1));
    assertEquals(exact, RankingMetrics.averagePrecision(h), 1e-15);
    assertEquals(exact, RankingMetrics.averagePrecisionLower(h), 1e-15);
    assertEquals(exact, RankingMetrics.averagePrecisionUpper(h), 1e-15);
    assertEquals(0.0, RankingMetrics.widths(h).averagePrecision(), 1e-15);
  }

  @Test
  void theSameCellsOfWeightedRowsOrWithTheNegativeBetweenStayBounded() {
    HistogramView weighted = cells(0.28);
    assertTrue(!weighted.twoPositivesApart(1), "weights of 2 could be one row of weight 2 and none, or 0.5 and 1.5");
    assertTrue(RankingMetrics.averagePrecisionUpper(weighted) - RankingMetrics.averagePrecisionLower(weighted) > 1e-3);
    double exact = reference(0.28);
    assertTrue(RankingMetrics.averagePrecisionLower(weighted) <= exact && exact <= RankingMetrics.averagePrecisionUpper(weighted));
    HistogramView between = cells(0.23).ofRowsThatWeighOne();
    assertTrue(!between.twoPositivesApart(1));
    double exactBetween = reference(0.23);
    assertTrue(RankingMetrics.averagePrecisionLower(between) <= exactBetween
        && exactBetween <= RankingMetrics.averagePrecisionUpper(between));
    assertTrue(RankingMetrics.widths(between).averagePrecision() > 1e-3);
  }
}
