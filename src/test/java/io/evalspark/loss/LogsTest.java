package io.evalspark.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Logs#log1p} against the JDK's fdlibm {@link StrictMath#log1p}, which is within 1 ulp of the exact value. */
class LogsTest {
  @Test
  void log1pIsWithinTwoUlpsOfStrictMathFromMinusOneToTheLargestDouble() {
    Random r = new Random(9);
    double[][] ranges = {{-1, -0.5}, {-0.5, 0}, {0, 1e-3}, {1e-3, 1}, {1, 1e6}, {1e6, 1e300}};
    for (double[] range : ranges) {
      for (int i = 0; i < 200_000; i++) {
        double x = range[1] > 1e3 // spread over the exponents; small ones near 0 too
            ? Math.exp(Math.log(range[0]) + r.nextDouble() * (Math.log(range[1]) - Math.log(range[0])))
            : range[0] == 0 ? range[1] * Math.pow(r.nextDouble(), 12) : range[0] + r.nextDouble() * (range[1] - range[0]);
        double expected = StrictMath.log1p(x);
        double ulps = Math.abs(Logs.log1p(x) - expected) / Math.ulp(expected);
        assertTrue(ulps <= 2, "log1p(" + x + ") = " + Logs.log1p(x) + ", StrictMath's " + expected);
      }
    }
  }

  @Test
  void log1pOfTheEdgesIsStrictMaths() {
    double[] edges = {0.0, -0.0, 1e-300, -1e-300, 1e-17, 1.1e-16, -1.1e-16, -1.0, -2.0, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    for (double x : edges) {
      assertEquals(StrictMath.log1p(x), Logs.log1p(x), 0.0, "log1p(" + x + ")");
      assertEquals(Double.doubleToLongBits(StrictMath.log1p(x)), Double.doubleToLongBits(Logs.log1p(x)),
          "the sign of log1p(" + x + ")");
    }
  }

  @Test
  void softplusIsTheLogOfOnePlusExpWithoutOverflow() {
    assertEquals(Math.log(2.0), Logs.softplus(0.0), 0.0);
    assertEquals(Math.log1p(Math.exp(3.0)), Logs.softplus(3.0), 1e-15);
    assertEquals(Math.log1p(Math.exp(-20.0)), Logs.softplus(-20.0), 1e-24);
    assertEquals(1000.0, Logs.softplus(1000.0), 0.0); // exp(1000) overflows; log(1 + exp(1000)) rounds to 1000
  }
}
