package io.evalspark.loss;

import java.io.Serializable;

/**
 * A formula over a row's true value {@code y} and prediction {@code p}, such as
 * {@code abs(y^2 - p^2) + (y^2 - p^2)^2}: its value, and its derivative in {@code p} by the chain
 * rule. A loss must be differentiable in p; a metric may be anything.
 */
public interface Expression extends Serializable {
  /** The value at one row. */
  double value(double y, double p);

  /** The derivative of {@link #value} with respect to {@code p}. */
  double derivative(double y, double p);

  /** Whether the value changes with {@code p} anywhere in the formula. */
  boolean dependsOnP();

  /**
   * The first part that has no useful derivative in {@code p}, with the reason (for example
   * {@code "round(p) is a step function: ..."}), or null where every part that involves p has one.
   */
  String notDifferentiable();

  /** The formula as written. */
  String text();

  /**
   * Reads a formula: numbers, {@code y}, {@code p}, {@code + - * / ^}, comparisons, parentheses and
   * the functions of {@link Operator}; {@code mean(...)} may wrap the whole formula, as every
   * expression is a mean over rows anyway.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  static Expression parse(String text) {
    return new ExpressionParser(text).parse();
  }

  /** A number. */
  record Constant(double number, String text) implements Expression {
    @Override
    public double value(double y, double p) {
      return number;
    }

    @Override
    public double derivative(double y, double p) {
      return 0.0;
    }

    @Override
    public boolean dependsOnP() {
      return false;
    }

    @Override
    public String notDifferentiable() {
      return null;
    }
  }

  /** The true value {@code y} or the prediction {@code p}. */
  record Variable(boolean isPrediction) implements Expression {
    @Override
    public double value(double y, double p) {
      return isPrediction ? p : y;
    }

    @Override
    public double derivative(double y, double p) {
      return isPrediction ? 1.0 : 0.0;
    }

    @Override
    public boolean dependsOnP() {
      return isPrediction;
    }

    @Override
    public String notDifferentiable() {
      return null;
    }

    @Override
    public String text() {
      return isPrediction ? "p" : "y";
    }
  }

  /** An operator or function applied to sub-formulas. */
  record Apply(Operator operator, Expression[] arguments, String text) implements Expression {
    @Override
    public double value(double y, double p) {
      return operator.apply(values(y, p));
    }

    @Override
    public double derivative(double y, double p) {
      double[] at = values(y, p);
      double d = 0.0;
      for (int i = 0; i < arguments.length; i++) {
        if (arguments[i].dependsOnP()) { // skips terms like ln(a) of a constant exponent, which may be NaN
          d += operator.partial(i, at) * arguments[i].derivative(y, p);
        }
      }
      return d;
    }

    private double[] values(double y, double p) {
      double[] at = new double[arguments.length];
      for (int i = 0; i < at.length; i++) {
        at[i] = arguments[i].value(y, p);
      }
      return at;
    }

    @Override
    public boolean dependsOnP() {
      for (Expression a : arguments) {
        if (a.dependsOnP()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String notDifferentiable() {
      for (Expression a : arguments) {
        String inner = a.notDifferentiable();
        if (inner != null) {
          return inner;
        }
      }
      if (operator.whyNotDifferentiable() != null && dependsOnP()) {
        return text + " " + operator.whyNotDifferentiable();
      }
      return null;
    }
  }
}
