package io.evalspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalspark.core.Task;
import io.evalspark.job.EvaluationSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShownValuesTest {
  private static final EvaluationSpec REGRESSION = EvaluationSpec.of(Task.REGRESSION).label("y").prediction("p").build();

  @Test
  void extremeValuesShowTheirSignificantDigitsNotHundredsOfDigitsOrZero() {
    // a diverged model's mae of 1e300 would take 301 digits at six decimals; a precision at a K of 2^31 - 1 of
    // 3 / 2^31 would show as 0.000000 though it is not 0
    assertEquals("rmse Infinity, mae 1.00000e+300, r2 1.39698e-09",
        ConsoleTable.brief(REGRESSION, Map.of("rmse", Double.POSITIVE_INFINITY, "mae", 1e300,
            "r2", 3 / Math.pow(2, 31))));
    assertEquals("1.00000e+300", HtmlPage.number(1e300));
    assertEquals("-2.50000e+12", HtmlPage.number(-2.5e12 - 0.5));
    assertEquals("2,500,000,000,000", HtmlPage.number(2.5e12), "a whole number below 1e15 stays whole");
    assertEquals("1.39698e-09", HtmlPage.number(3 / Math.pow(2, 31)));
    // the usual values stay as they were: six decimals, whole numbers whole, undefined n/a
    assertEquals("rmse 0.500000, mae 3, r2 n/a",
        ConsoleTable.brief(REGRESSION, Map.of("rmse", 0.5, "mae", 3.0, "r2", Double.NaN)));
    assertEquals("1,234,567", HtmlPage.number(1234567.0));
    assertEquals("0.000100", HtmlPage.number(1e-4));
    assertEquals("123456789.500000", HtmlPage.number(123456789.5));
    assertEquals("0", HtmlPage.number(0.0));
  }
}
