package io.evalspark.loss;

import java.io.Serializable;

/** A loss of one row: its value at (true value y, prediction p) and its derivative in p. */
public interface PointLoss extends Serializable {
  /** The loss of one row. */
  double value(double y, double p);

  /** The derivative of {@link #value} with respect to {@code p}. */
  double gradient(double y, double p);
}
