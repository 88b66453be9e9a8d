package io.evalspark.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A dense feed-forward network: inputs standardised by fixed means and scales, then layers
 * {@code a_l = act_l(W_l a_(l-1) + b_l)}. The trainable parameters live outside, in one flat array:
 * per layer the weights (row-major, one row per unit) and then the biases.
 */
public final class Network implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] sizes;
  private final Activation[] activations;
  private final double[] means;
  private final double[] scales;
  private final int[] offsets;

  /**
   * The most weights and biases a network may hold: 800 MB a copy, of which training keeps several
   * (the weights, each step's gradient, the optimiser's moments).
   */
  public static final long MOST_PARAMETERS = 100_000_000L;

  /**
   * A network with {@code sizes[0]} inputs and layers of {@code sizes[1..]} units, layer l activated
   * by {@code activations[l - 1]}; inputs become {@code (x - means) / scales}.
   */
  public Network(int[] sizes, Activation[] activations, double[] means, double[] scales) {
    if (activations.length != sizes.length - 1 || means.length != sizes[0] || scales.length != sizes[0]) {
      throw new IllegalArgumentException("sizes, activations and standardisation do not agree");
    }
    long parameters = 0;
    for (int l = 1; l < sizes.length; l++) {
      parameters += (long) sizes[l] * sizes[l - 1] + sizes[l];
    }
    if (parameters > MOST_PARAMETERS) {
      throw new IllegalArgumentException("a network of " + sizes[0] + " inputs and layers of "
          + Arrays.stream(sizes).skip(1).mapToObj(String::valueOf).collect(Collectors.joining(", ")) + " units has "
          + parameters + " weights and biases; at most " + MOST_PARAMETERS + " are trained (800 MB a copy, of which"
          + " training keeps several)");
    }
    for (int l = 0; l < activations.length - 1; l++) {
      if (activations[l] == Activation.SOFTMAX) {
        throw new IllegalArgumentException("softmax is only an output activation");
      }
    }
    this.sizes = sizes.clone();
    this.activations = activations.clone();
    this.means = means.clone();
    this.scales = scales.clone();
    this.offsets = new int[sizes.length];
    for (int l = 1; l < sizes.length; l++) {
      offsets[l] = offsets[l - 1] + (l == 1 ? 0 : sizes[l - 1] * sizes[l - 2] + sizes[l - 1]);
    }
  }

  /** Units per layer, inputs first. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The activation of each layer after the inputs. */
  public Activation[] activations() {
    return activations.clone();
  }

  /** The input means subtracted before the first layer. */
  public double[] means() {
    return means.clone();
  }

  /** The input scales divided by before the first layer. */
  public double[] scales() {
    return scales.clone();
  }

  /** The number of inputs. */
  public int inputs() {
    return sizes[0];
  }

  /** The number of outputs. */
  public int outputs() {
    return sizes[sizes.length - 1];
  }

  /** The output activation. */
  public Activation output() {
    return activations[activations.length - 1];
  }

  /** The length of the flat parameter array. */
  public int parameterCount() {
    int l = sizes.length - 1;
    return offsets[l] + sizes[l] * sizes[l - 1] + sizes[l];
  }

  /** Where layer {@code l}'s (1-based) weights start; its biases follow them. */
  int offset(int layer) {
    return offsets[layer];
  }

  /** Glorot-uniform weights (Keras's default) and zero biases, drawn from {@code seed}. */
  public double[] initialParameters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] params = new double[parameterCount()];
    for (int l = 1; l < sizes.length; l++) {
      double limit = Math.sqrt(6.0 / (sizes[l - 1] + sizes[l]));
      int start = offsets[l];
      for (int i = 0; i < sizes[l] * sizes[l - 1]; i++) {
        params[start + i] = (2.0 * random.nextDouble() - 1.0) * limit;
      }
    }
    return params;
  }

  /** Scratch space for one thread's forward and backward passes. */
  public Workspace workspace() {
    return new Workspace(sizes);
  }

  /**
   * Runs the row {@code x[from .. from + inputs)} forward; the output pre-activations and
   * activations are then {@code ws.z[last]} and {@code ws.a[last]}.
   */
  public void forward(double[] params, double[] x, int from, Workspace ws) {
    double[] input = ws.a[0];
    for (int j = 0; j < sizes[0]; j++) {
      input[j] = (x[from + j] - means[j]) / scales[j];
    }
    for (int l = 1; l < sizes.length; l++) {
      int units = sizes[l];
      int fanIn = sizes[l - 1];
      int w = offsets[l];
      int b = w + units * fanIn;
      double[] previous = ws.a[l - 1];
      double[] z = ws.z[l];
      for (int i = 0; i < units; i++) {
        double sum = params[b + i];
        int row = w + i * fanIn;
        for (int j = 0; j < fanIn; j++) {
          sum += params[row + j] * previous[j];
        }
        z[i] = sum;
      }
      activations[l - 1].apply(z, ws.a[l], units);
    }
  }

  /**
   * Adds {@code weight} times the gradient of the row last run {@link #forward} to {@code gradient},
   * given the loss's derivative in the output pre-activations in {@code ws.delta[last]}.
   */
  public void backward(double[] params, Workspace ws, double weight, double[] gradient) {
    for (int l = sizes.length - 1; l >= 1; l--) {
      int units = sizes[l];
      int fanIn = sizes[l - 1];
      int w = offsets[l];
      int b = w + units * fanIn;
      double[] delta = ws.delta[l];
      double[] previous = ws.a[l - 1];
      for (int i = 0; i < units; i++) {
        double d = weight * delta[i];
        if (d == 0.0) {
          continue;
        }
        gradient[b + i] += d;
        int row = w + i * fanIn;
        for (int j = 0; j < fanIn; j++) {
          gradient[row + j] += d * previous[j];
        }
      }
      if (l > 1) {
        double[] below = ws.delta[l - 1];
        Arrays.fill(below, 0, fanIn, 0.0);
        for (int i = 0; i < units; i++) {
          int row = w + i * fanIn;
          for (int j = 0; j < fanIn; j++) {
            below[j] += params[row + j] * delta[i];
          }
        }
        Activation act = activations[l - 2];
        for (int j = 0; j < fanIn; j++) {
          below[j] *= act.derivative(ws.z[l - 1][j], ws.a[l - 1][j]);
        }
      }
    }
  }

  /** {@code l2 * (sum of squared weights)}; biases are not penalised (Keras's kernel regulariser). */
  public double penalty(double[] params, double l2) {
    double sum = 0.0;
    for (int l = 1; l < sizes.length && l2 != 0.0; l++) {
      for (int i = offsets[l]; i < offsets[l] + sizes[l] * sizes[l - 1]; i++) {
        sum += params[i] * params[i];
      }
    }
    return l2 * sum;
  }

  /** Adds the gradient of {@link #penalty} to {@code gradient}. */
  public void addPenaltyGradient(double[] params, double l2, double[] gradient) {
    for (int l = 1; l < sizes.length && l2 != 0.0; l++) {
      for (int i = offsets[l]; i < offsets[l] + sizes[l] * sizes[l - 1]; i++) {
        gradient[i] += 2.0 * l2 * params[i];
      }
    }
  }

  /** Per-layer arrays for pre-activations, activations and loss derivatives. */
  public static final class Workspace {
    final double[][] z;
    final double[][] a;
    final double[][] delta;

    Workspace(int[] sizes) {
      z = new double[sizes.length][];
      a = new double[sizes.length][];
      delta = new double[sizes.length][];
      for (int l = 0; l < sizes.length; l++) {
        z[l] = new double[sizes[l]];
        a[l] = new double[sizes[l]];
        delta[l] = new double[sizes[l]];
      }
    }

    /** The output layer's pre-activations. */
    public double[] outputLogits() {
      return z[z.length - 1];
    }

    /** The output layer's activations. */
    public double[] output() {
      return a[a.length - 1];
    }

    /** Where the loss writes its derivative in the output pre-activations. */
    public double[] outputDelta() {
      return delta[delta.length - 1];
    }
  }
}
