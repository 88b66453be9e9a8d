package io.evalspark.loss;

/**
 * A custom loss written as a formula over y and p, differentiated by {@link Expression}. Refused
 * where the formula does not involve p, or where a part that involves p has no useful derivative.
 */
public final class ExpressionLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  private final Expression expression;

  /**
   * The loss {@code text}.
   *
   * @throws IllegalArgumentException naming the part that cannot be trained through, and why
   */
  public ExpressionLoss(String text) {
    this.expression = Expression.parse(text);
    if (expression.usesWeight()) {
      throw new IllegalArgumentException("the loss '" + text + "' uses the weight w; a loss is weighted by each row's"
          + " weight already, so w belongs in metrics (--metrics) only");
    }
    if (!expression.dependsOnP()) {
      throw new IllegalArgumentException("the loss '" + text + "' does not involve the prediction p, so it cannot"
          + " be minimised; it can still be watched as a metric (--metrics)");
    }
    String part = expression.notDifferentiable();
    if (part != null) {
      throw new IllegalArgumentException("the loss '" + text + "' is not differentiable: " + part
          + ". A loss must have a useful gradient; use this formula as a metric (--metrics) instead");
    }
  }

  /** The formula. */
  public Expression expression() {
    return expression;
  }

  @Override
  public double value(double y, double p) {
    return expression.value(y, p);
  }

  @Override
  public double gradient(double y, double p) {
    return expression.derivative(y, p);
  }
}
