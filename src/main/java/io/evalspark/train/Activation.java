package io.evalspark.train;

import io.evalspark.loss.Logistic;
import java.util.Locale;

/** The activation of a layer: applied to the layer's pre-activations z to give its outputs a. */
public enum Activation {
  LINEAR, RELU, TANH, SIGMOID, SOFTMAX, EXPONENTIAL;

  /** The activation called {@code name} (lower case in files and on the command line). */
  public static Activation named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The name used in files and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Sets {@code a[0..n)} from {@code z[0..n)}. */
  void apply(double[] z, double[] a, int n) {
    if (this == SOFTMAX) {
      softmax(z, a, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      a[i] = apply(z[i]);
    }
  }

  private double apply(double z) {
    switch (this) {
      case LINEAR: return z;
      case RELU: return z > 0.0 ? z : 0.0;
      case TANH: return Math.tanh(z);
      case SIGMOID: return Logistic.sigmoid(z);
      case EXPONENTIAL: return Math.exp(z);
      default: throw new IllegalStateException("softmax is not elementwise");
    }
  }

  /** da/dz of an elementwise activation, from its output a (and input z). */
  double derivative(double z, double a) {
    switch (this) {
      case LINEAR: return 1.0;
      case RELU: return z > 0.0 ? 1.0 : 0.0;
      case TANH: return 1.0 - a * a;
      case SIGMOID: return a * (1.0 - a);
      case EXPONENTIAL: return a;
      default: throw new IllegalStateException("softmax is not elementwise");
    }
  }

  /** The softmax of {@code z[0..n)}, shifted by the maximum so that exp cannot overflow. */
  static void softmax(double[] z, double[] a, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[i]);
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      a[i] = Math.exp(z[i] - max);
      sum += a[i];
    }
    for (int i = 0; i < n; i++) {
      a[i] /= sum;
    }
  }
}
