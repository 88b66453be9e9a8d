package io.evalspark.train;

import io.evalspark.core.Choice;

/**
 * Updates parameters in place from the mini-batch gradient, with Keras's update rules and default
 * learning rates: {@code sgd} (0.01), {@code momentum} (SGD with momentum 0.9, 0.01) and {@code adam}
 * (0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).
 */
public abstract class Optimizer {
  /** The optimisers by name. */
  public enum Kind { SGD, MOMENTUM, ADAM }

  protected final double learningRate;

  Optimizer(double learningRate) {
    this.learningRate = learningRate; // checked where it is given: TrainingSpec.learningRate
  }

  /** The optimiser {@code name} for {@code parameters} parameters; NaN learning rate: its default. */
  public static Optimizer named(String name, double learningRate, int parameters) {
    switch (Choice.of(Kind.class, "--optimizer", name)) {
      case SGD: return new Sgd(Double.isNaN(learningRate) ? 0.01 : learningRate, 0.0, parameters);
      case MOMENTUM: return new Sgd(Double.isNaN(learningRate) ? 0.01 : learningRate, 0.9, parameters);
      default: return new Adam(Double.isNaN(learningRate) ? 0.001 : learningRate, parameters);
    }
  }

  /** The learning rate in use. */
  public double learningRate() {
    return learningRate;
  }

  /** Moves {@code params} against {@code gradient}. */
  public abstract void update(double[] params, double[] gradient);

  /** SGD, with momentum where {@code momentum > 0}: {@code v = m v - lr g; params += v}. */
  static final class Sgd extends Optimizer {
    private final double momentum;
    private final double[] velocity;

    Sgd(double learningRate, double momentum, int parameters) {
      super(learningRate);
      this.momentum = momentum;
      this.velocity = new double[parameters];
    }

    @Override
    public void update(double[] params, double[] gradient) {
      for (int i = 0; i < params.length; i++) {
        velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
        params[i] += velocity[i];
      }
    }
  }

  /** Adam (Kingma and Ba, 2015) in Keras's form, with the bias correction folded into the step size. */
  static final class Adam extends Optimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-7;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(double learningRate, int parameters) {
      super(learningRate);
      m = new double[parameters];
      v = new double[parameters];
    }

    @Override
    public void update(double[] params, double[] gradient) {
      t++;
      double step = learningRate * Math.sqrt(1.0 - Math.pow(BETA2, t)) / (1.0 - Math.pow(BETA1, t));
      for (int i = 0; i < params.length; i++) {
        m[i] = BETA1 * m[i] + (1.0 - BETA1) * gradient[i];
        v[i] = BETA2 * v[i] + (1.0 - BETA2) * gradient[i] * gradient[i];
        params[i] -= step * m[i] / (Math.sqrt(v[i]) + EPSILON);
      }
    }
  }
}
