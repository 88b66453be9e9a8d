package io.evalspark.loss;

import java.io.Serializable;

/**
 * A formula over a row's true value {@code y}, prediction {@code p} and weight {@code w}, such as
 * {@code abs(y^2 - p^2) + (y^2 - p^2)^2}: its value, and its derivative in {@code p} by the chain
 * rule. A loss must be differentiable in p and may not use w (rows are weighted already); a metric
 * may be anything.
 */
public interface Expression extends Serializable {
  /** The value at one row of weight {@code w}. */
  double value(double y, double p, double w);

  /** The value at one row of weight 1. */
  default double value(double y, double p) {
    return value(y, p, 1.0);
  }

  /** Whether the formula uses the row's weight {@code w}. */
  boolean usesWeight();

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
   * Reads a formula: numbers, {@code y}, {@code p}, {@code w}, {@code + - * / ^}, comparisons, parentheses and
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
    public double value(double y, double p, double w) {
      return number;
    }

    @Override
    public boolean usesWeight() {
      return false;
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

  /** The true value {@code y}, the prediction {@code p} or the weight {@code w}: {@code name}. */
  record Variable(char name) implements Expression {
    @Override
    public double value(double y, double p, double w) {
      return name == 'p' ? p : name == 'w' ? w : y;
    }

    @Override
    public boolean usesWeight() {
      return name == 'w';
    }

    @Override
    public double derivative(double y, double p) {
      return name == 'p' ? 1.0 : 0.0;
    }

    @Override
    public boolean dependsOnP() {
      return name == 'p';
    }

    @Override
    public String notDifferentiable() {
      return null;
    }

    @Override
    public String text() {
      return String.valueOf(name);
    }
  }

  /** An operator or function applied to sub-formulas. */
  record Apply(Operator operator, Expression[] arguments, String text) implements Expression {
    @Override
    public double value(double y, double p, double w) {
      return operator.apply(values(y, p, w));
    }

    @Override
    public boolean usesWeight() {
      return anyArgument(Expression::usesWeight);
    }

    @Override
    public double derivative(double y, double p) {
      double[] at = values(y, p, 1.0);
      double d = 0.0;
      for (int i = 0; i < arguments.length; i++) {
        if (arguments[i].dependsOnP()) { // skips terms like ln(a) of a constant exponent, which may be NaN
          d += operator.partial(i, at) * arguments[i].derivative(y, p);
        }
      }
      return d;
    }

    private double[] values(double y, double p, double w) {
      double[] at = new double[arguments.length];
      for (int i = 0; i < at.length; i++) {
        at[i] = arguments[i].value(y, p, w);
      }
      return at;
    }

    @Override
    public boolean dependsOnP() {
      return anyArgument(Expression::dependsOnP);
    }

    private boolean anyArgument(java.util.function.Predicate<Expression> test) {
      for (Expression a : arguments) {
        if (test.test(a)) {
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
