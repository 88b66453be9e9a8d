package io.evalspark.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"p", "y + p", "y - p", "p - y", "3 * p", "p * p * y", "y / p", "p / (y + 2)", "p ^ 3",
      "2 ^ p", "p ^ p", "-p", "abs(p - y)", "exp(p)", "log(p)", "log1p(p)", "sqrt(p)", "square(p - y)", "tanh(p)",
      "cosh(p)", "sigmoid(p)", "softplus(p - y)", "max(p, y)", "min(p, y)", "max(y, p * 2)", "pow(p, 2.5)",
      "mean(abs(y^2 - p^2) + (y^2 - p^2)^2)", "(y > 0.5) * (p - y)^2", "log(cosh(p - y))", "1e-1 * p"})
  void derivativeAgreesWithCentralFiniteDifferences(String text) {
    Expression e = Expression.parse(text);
    double y = 0.7;
    for (double p : new double[] {0.3, 1.3, 2.2}) {
      double h = 1e-6;
      double numeric = (e.value(y, p + h) - e.value(y, p - h)) / (2 * h);
      assertEquals(numeric, e.derivative(y, p), 1e-6 * Math.max(1, Math.abs(numeric)), text + " at p=" + p);
    }
  }

  @ParameterizedTest(name = "{0} = {3}")
  @CsvSource(delimiter = ';', value = {
      "mean(abs(y^2 - p^2) + (y^2 - p^2)^2); 2; 1; 12",  // |4 - 1| + 3^2
      "-p^2; 0; 3; -9",                                  // minus binds looser than ^
      "2^3^2; 0; 0; 512",                                // ^ is right-associative
      "1 + 2 * 3 - 4 / 2; 0; 0; 5",
      "(p >= 0.5) + (p < 0.5) * 10; 0; 0.4; 10",
      "round(p) + sign(y) + floor(2.5) + ceil(0.2); -3; 1.6; 4",
      "max(y, p) - min(y, p); 1; 4; 3",
      "abs(y - p) * 1000; 0.25; 0.5; 250"})
  void valuesFollowTheUsualRules(String text, double y, double p, double expected) {
    assertEquals(expected, Expression.parse(text).value(y, p), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "mean(round(p) - y); round(p)",
      "abs(sign(p - y)); sign(p - y)",
      "(p > 0.5) * 1; p > 0.5",
      "floor(p * 10) / 10; floor(p * 10)",
      "y * ceil(p); ceil(p)",
      "(p == y); p == y"})
  void aLossThatIsNotDifferentiableIsRefusedNamingThePart(String text, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExpressionLoss(text));
    assertTrue(e.getMessage().contains("'" + text + "' is not differentiable: " + part + " is a"), e.getMessage());
    assertTrue(e.getMessage().contains("step function"), e.getMessage());
    assertTrue(e.getMessage().contains("as a metric"), e.getMessage());
    // The same formula is a fine metric.
    assertTrue(Double.isFinite(Expression.parse(text).value(0.0, 0.7)));
  }

  @Test
  void stepFunctionsOfTheLabelAloneAreFineInALoss() {
    ExpressionLoss weighted = new ExpressionLoss("(y > 0.5) * 4 * (p - y)^2 + (p - y)^2");
    assertNull(weighted.expression().notDifferentiable());
    assertEquals(2 * 5 * (0.5 - 1), weighted.gradient(1, 0.5), 1e-12); // d/dp 5 (p - 1)^2
  }

  /**
   * An expression nested deeper than 100 levels is refused, whether by parentheses (which overflowed
   * the reader's stack at 5,000), by a chain of operators or by repeated signs; 100 levels are read,
   * evaluated and differentiated.
   */
  @Test
  void anExpressionNestedTooDeepIsRefusedAndOneAtTheMostIsRead() {
    String chain = "p" + " + p".repeat(101); // 101 additions, each applied to the one before
    for (String deep : new String[] {"(".repeat(5000) + "p" + ")".repeat(5000), chain, "-".repeat(101) + "p",
        "p" + "^p".repeat(101)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(deep));
      assertTrue(e.getMessage().endsWith("nests more than 100 levels deep (parentheses, or operators applied to"
          + " operators); write it with fewer levels"), e.getMessage());
    }
    Expression hundred = Expression.parse("p" + " + p".repeat(100));
    assertEquals(101 * 0.3, hundred.value(0, 0.3), 1e-12);
    assertEquals(101, hundred.derivative(0, 0.3), 1e-12);
    assertEquals(0.3, Expression.parse("(".repeat(100) + "p" + ")".repeat(100)).value(0, 0.3), 0.0);
    assertEquals(0.3, Expression.parse("p" + "^1".repeat(99) + "^p").value(0, 0.3), 0.0, "p^(1^(...)) is p^1");
    assertEquals(0.3, Expression.parse("-".repeat(100) + "p").value(0, 0.3), 0.0);
  }

  @Test
  void theWeightWIsAVariableOfMetricsButNotOfLosses() {
    Expression e = Expression.parse("abs(y - p) * w + max(w, 2)");
    assertTrue(e.usesWeight());
    assertEquals(0.5 * 3 + 3, e.value(1.0, 0.5, 3.0), 1e-15);
    assertEquals(0.5 * 1 + 2, e.value(1.0, 0.5), 1e-15); // a row of weight 1
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new ExpressionLoss("w * (p - y)^2"));
    assertTrue(refused.getMessage().contains("uses the weight w"), refused.getMessage());
  }

  @Test
  void aLossWithoutPIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExpressionLoss("y^2"));
    assertTrue(e.getMessage().contains("does not involve the prediction p"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "abs(y - ); position 9: expected a number, y, p, w, a function or '('",
      "foo(p); unknown function 'foo'",
      "max(p); max(...) takes 2 arguments, got 1",
      "p + (y; expected ')'",
      "p y; expected an operator or the end",
      "abs(mean(p)); mean(...) may only wrap the whole expression",
      "q * 2; unknown function 'q'"})
  void unreadableFormulasSayWhereAndWhat(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
