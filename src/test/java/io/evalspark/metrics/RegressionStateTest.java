package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionStateTest {
  @Test
  void scikitLearnDocumentedExamples() {
    // scikit-learn's documented regression example: y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8].
    double[] y = {3, -0.5, 2, 7};
    double[] p = {2.5, 0.0, 2, 8};
    RegressionState s = new RegressionState(new RegressionSettings(1.0));
    for (int i = 0; i < y.length; i++) s.update(y[i], p[i], 1.0);
    Map<String, Double> m = s.metrics();
    assertEquals(0.375, m.get("mse"), 1e-15);
    assertEquals(Math.sqrt(0.375), m.get("rmse"), 1e-15);
    assertEquals(0.5, m.get("mae"), 1e-15);
    assertEquals(0.9486081370449679, m.get("r2"), 1e-15);
    assertEquals(0.9571734475374732, m.get("explained_variance"), 1e-15);
    assertEquals(0.3273809523809524, m.get("mape"), 1e-15);
    assertEquals(1.0, m.get("max_error"), 1e-15);
    // Errors 0.5, 0.5, 0, 1 are all within delta 1: Huber = mean of e^2 / 2.
    assertEquals((0.125 + 0.125 + 0 + 0.5) / 4, m.get("huber"), 1e-15);
    double logCosh = (2 * Math.log(Math.cosh(0.5)) + Math.log(Math.cosh(1.0))) / 4;
    assertEquals(logCosh, m.get("log_cosh"), 1e-15);
  }

  @Test
  void weightsAndHuberBeyondDelta() {
    RegressionState s = new RegressionState(new RegressionSettings(0.5));
    s.update(0.0, 2.0, 3.0); // |e| = 2 > 0.5: 0.5 * (2 - 0.25) = 0.875
    s.update(1.0, 1.25, 1.0); // |e| = 0.25: 0.03125
    Map<String, Double> m = s.metrics();
    assertEquals((3 * 0.875 + 0.03125) / 4, m.get("huber"), 1e-15);
    assertEquals((3 * 4.0 + 0.0625) / 4, m.get("mse"), 1e-15);
    // Weighted r2: mean y = 0.25; SST = 3 * 0.0625 + 0.5625 = 0.75; SSE = 12.0625.
    assertEquals(1 - 12.0625 / 0.75, m.get("r2"), 1e-12);
  }

  @Test
  void constantLabelFollowsScikitLearnForceFinite() {
    RegressionState perfect = new RegressionState(new RegressionSettings(1.0));
    perfect.update(2.0, 2.0, 1.0);
    perfect.update(2.0, 2.0, 1.0);
    assertEquals(1.0, perfect.metrics().get("r2"));
    RegressionState off = new RegressionState(new RegressionSettings(1.0));
    off.update(2.0, 2.5, 1.0);
    off.update(2.0, 1.0, 1.0);
    assertEquals(0.0, off.metrics().get("r2"));
  }

  @Test
  void r2OfOneRowIsUndefinedAsScikitLearnSays() {
    // scikit-learn's r2_score: "not well-defined with less than two samples", NaN; its explained_variance_score has
    // no such rule, and one row's residual and label deviations are both 0: force_finite's 1
    RegressionState one = new RegressionState(new RegressionSettings(1.0));
    one.update(2.0, 2.5, 1.0);
    assertEquals(Double.NaN, one.metrics().get("r2"));
    assertEquals(1.0, one.metrics().get("explained_variance"));
    assertEquals(0.25, one.metrics().get("mse"));
    // a row of weight 0 is a sample too (scikit-learn counts rows, not weight): constant label, imperfect, so 0
    one.update(7.0, 1.0, 0.0);
    assertEquals(0.0, one.metrics().get("r2"));
  }

  @Test
  void invalidValuesAreCounted() {
    RegressionState s = new RegressionState(new RegressionSettings(1.0));
    s.update(1.0, Double.POSITIVE_INFINITY, 1.0);
    s.update(null, 1.0, 1.0);
    s.update(1.0, 1.0, Double.NaN);
    s.update(1.0, 2.0, 1.0);
    assertEquals(3, s.rowCounts().invalidRows());
    assertEquals(1L, s.rowCounts().invalidByReason().get("prediction is null, NaN or infinite"));
    assertEquals(1.0, s.metrics().get("mse"));
  }

  @Test
  void sumsThatOverflowAreInfiniteAsTheErrorsSayNotUndefined() {
    // A model that diverged: its squared error 1e400 overflows a double. scikit-learn (numpy's sums)
    // gives mse inf and r2 -inf; mae 5e199 stays finite. (explained_variance, whose squared
    // deviations are re-centred as states merge, stays undefined: inf - inf.)
    RegressionState s = new RegressionState(new RegressionSettings(1.0));
    s.update(0.0, 1e200, 1.0);
    s.update(1.0, 1.0, 1.0);
    RegressionState other = new RegressionState(new RegressionSettings(1.0));
    other.update(1.0, 1.0, 1.0);
    for (RegressionState state : new RegressionState[] {s, merged(other, s), merged(s, other)}) {
      Map<String, Double> m = state.metrics();
      double rows = state.rowCounts().evaluatedRows();
      assertEquals(Double.POSITIVE_INFINITY, m.get("mse"));
      assertEquals(Double.POSITIVE_INFINITY, m.get("rmse"));
      assertEquals(1e200 / rows, m.get("mae"), 1e185);
      assertEquals(1e200, m.get("max_error"));
      assertEquals(Double.NEGATIVE_INFINITY, m.get("r2"));
    }
  }

  private static RegressionState merged(RegressionState a, RegressionState b) {
    RegressionState into = new RegressionState(new RegressionSettings(1.0));
    into.merge(a);
    into.merge(b);
    return into;
  }
}
