package io.evalspark.loss;

import java.util.Locale;

/**
 * The operators and functions of {@link Expression}: each one's value and partial derivatives.
 * Step functions and comparisons carry the reason they cannot be a loss.
 */
public enum Operator {
  NEGATE("-", 1), ADD("+", 2), SUBTRACT("-", 2), MULTIPLY("*", 2), DIVIDE("/", 2), POWER("^", 2),
  ABS("abs", 1), EXP("exp", 1), LOG("log", 1), LOG1P("log1p", 1), SQRT("sqrt", 1), SQUARE("square", 1),
  TANH("tanh", 1), COSH("cosh", 1), SIGMOID("sigmoid", 1), SOFTPLUS("softplus", 1),
  MAX("max", 2), MIN("min", 2), POW("pow", 2),
  ROUND("round", 1), FLOOR("floor", 1), CEIL("ceil", 1), SIGN("sign", 1),
  LESS("<", 2), LESS_EQUAL("<=", 2), GREATER(">", 2), GREATER_EQUAL(">=", 2), EQUAL("==", 2), NOT_EQUAL("!=", 2);

  private static final String STEP =
      "is a step function: its derivative in p is zero wherever it exists, so gradient descent learns nothing through it";
  private static final String COMPARISON =
      "is a comparison (0 or 1), a step function: its derivative in p is zero wherever it exists, so gradient descent learns nothing through it";

  private final String symbol;
  private final int arity;

  Operator(String symbol, int arity) {
    this.symbol = symbol;
    this.arity = arity;
  }

  /** The name or symbol as written in a formula. */
  public String symbol() {
    return symbol;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** The function called {@code name} in a formula, or null. */
  static Operator function(String name) {
    for (Operator o : values()) {
      if (o.symbol.equals(name.toLowerCase(Locale.ROOT)) && Character.isLetter(o.symbol.charAt(0))) {
        return o;
      }
    }
    return null;
  }

  /** Why a loss cannot contain it, or null where it has a derivative almost everywhere. */
  String whyNotDifferentiable() {
    switch (this) {
      case ROUND: case FLOOR: case CEIL: case SIGN:
        return STEP;
      case LESS: case LESS_EQUAL: case GREATER: case GREATER_EQUAL: case EQUAL: case NOT_EQUAL:
        return COMPARISON;
      default:
        return null;
    }
  }

  /** The value at arguments {@code a}. */
  double apply(double[] a) {
    switch (this) {
      case NEGATE: return -a[0];
      case ADD: return a[0] + a[1];
      case SUBTRACT: return a[0] - a[1];
      case MULTIPLY: return a[0] * a[1];
      case DIVIDE: return a[0] / a[1];
      case POWER: case POW: return Math.pow(a[0], a[1]);
      case ABS: return Math.abs(a[0]);
      case EXP: return Math.exp(a[0]);
      case LOG: return Math.log(a[0]);
      case LOG1P: return Logs.log1p(a[0]);
      case SQRT: return Math.sqrt(a[0]);
      case SQUARE: return a[0] * a[0];
      case TANH: return Math.tanh(a[0]);
      case COSH: return Math.cosh(a[0]);
      case SIGMOID: return Logistic.sigmoid(a[0]);
      case SOFTPLUS: return Logs.softplus(a[0]);
      case MAX: return Math.max(a[0], a[1]);
      case MIN: return Math.min(a[0], a[1]);
      case ROUND: return Math.rint(a[0]);
      case FLOOR: return Math.floor(a[0]);
      case CEIL: return Math.ceil(a[0]);
      case SIGN: return Math.signum(a[0]);
      case LESS: return a[0] < a[1] ? 1.0 : 0.0;
      case LESS_EQUAL: return a[0] <= a[1] ? 1.0 : 0.0;
      case GREATER: return a[0] > a[1] ? 1.0 : 0.0;
      case GREATER_EQUAL: return a[0] >= a[1] ? 1.0 : 0.0;
      case EQUAL: return a[0] == a[1] ? 1.0 : 0.0;
      case NOT_EQUAL: return a[0] != a[1] ? 1.0 : 0.0;
      default: throw new IllegalStateException(name());
    }
  }

  /** The partial derivative in argument {@code i} at {@code a}; 0 for step functions. */
  double partial(int i, double[] a) {
    switch (this) {
      case NEGATE: return -1.0;
      case ADD: return 1.0;
      case SUBTRACT: return i == 0 ? 1.0 : -1.0;
      case MULTIPLY: return a[1 - i];
      case DIVIDE: return i == 0 ? 1.0 / a[1] : -a[0] / (a[1] * a[1]);
      case POWER: case POW:
        return i == 0 ? a[1] * Math.pow(a[0], a[1] - 1.0) : Math.pow(a[0], a[1]) * Math.log(a[0]);
      case ABS: return Math.signum(a[0]);
      case EXP: return Math.exp(a[0]);
      case LOG: return 1.0 / a[0];
      case LOG1P: return 1.0 / (1.0 + a[0]);
      case SQRT: return 0.5 / Math.sqrt(a[0]);
      case SQUARE: return 2.0 * a[0];
      case TANH: {
        double t = Math.tanh(a[0]);
        return 1.0 - t * t;
      }
      case COSH: return Math.sinh(a[0]);
      case SIGMOID: {
        double s = Logistic.sigmoid(a[0]);
        return s * (1.0 - s);
      }
      case SOFTPLUS: return Logistic.sigmoid(a[0]);
      case MAX: return (a[0] >= a[1]) == (i == 0) ? 1.0 : 0.0;
      case MIN: return (a[0] <= a[1]) == (i == 0) ? 1.0 : 0.0;
      default: return 0.0;
    }
  }
}
