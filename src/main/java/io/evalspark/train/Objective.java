package io.evalspark.train;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.loss.AbsoluteError;
import io.evalspark.loss.BinaryCrossEntropy;
import io.evalspark.loss.ExpressionLoss;
import io.evalspark.loss.HingeLoss;
import io.evalspark.loss.HuberLoss;
import io.evalspark.loss.LogCoshLoss;
import io.evalspark.loss.PointLoss;
import io.evalspark.loss.PoissonLoss;
import io.evalspark.loss.SquaredError;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What training minimises, resolved from a loss name, expression or class and the model's output:
 * the loss on the output layer, the output activation, the labels it takes, and the task its
 * predictions are evaluated as.
 *
 * @param loss the loss as given ({@code mse}, an expression, or a class name)
 * @param outputLoss the loss on the output layer
 * @param output the model output
 * @param activation the output layer's activation ({@code linear} where the loss applies it)
 * @param labels the labels the loss takes
 * @param task binary, multiclass or regression, for the metrics
 */
public record Objective(String loss, OutputLoss outputLoss, ModelOutput output, Activation activation,
    LabelRule labels, Task task) implements Serializable {
  /** The built-in losses. */
  public static final List<String> BUILT_IN = List.of("mse", "mae", "huber", "log_cosh", "binary_cross_entropy",
      "categorical_cross_entropy", "hinge", "squared_hinge", "poisson");
  /**
   * Keras's names of built-in losses that are the same loss here: Keras's sparse categorical
   * cross-entropy takes class indices, as {@code categorical_cross_entropy} does.
   */
  private static final Map<String, String> KERAS_NAMES = Map.of("binary_crossentropy", "binary_cross_entropy",
      "sparse_categorical_crossentropy", "categorical_cross_entropy", "mean_squared_error", "mse",
      "mean_absolute_error", "mae", "logcosh", "log_cosh");
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

  /**
   * Resolves the loss {@code given} (a built-in's name, evalspark's or Keras's, an expression or a class
   * name) for a model with output {@code model} (null: the loss's natural output).
   *
   * @throws UsageException where the loss, the model and {@code fromLogits} do not fit together
   */
  public static Objective of(String given, ModelOutput model, boolean fromLogits, double huberDelta) {
    if (given == null || given.isBlank()) {
      throw new UsageException("--loss is required: one of " + String.join(", ", BUILT_IN)
          + ", an expression over y and p, or a class implementing io.evalspark.loss.PointLoss");
    }
    if (given.equals("categorical_crossentropy")) {
      throw new UsageException("--loss categorical_crossentropy: Keras's takes one-hot labels; evalspark's"
          + " categorical_cross_entropy takes a class index, as Keras's sparse_categorical_crossentropy does:"
          + " give that");
    }
    String loss = KERAS_NAMES.getOrDefault(given, given);
    ModelOutput out = model != null ? model : naturalOutput(loss);
    boolean crossEntropy = loss.equals("binary_cross_entropy") || loss.equals("categorical_cross_entropy");
    if (fromLogits && !crossEntropy) {
      throw new UsageException("--from-logits applies only to binary_cross_entropy and categorical_cross_entropy, not "
          + loss);
    }
    if (loss.equals("binary_cross_entropy")) {
      require(out == ModelOutput.LOGISTIC, loss, out, "--model logistic (a sigmoid output)");
      Activation act = fromLogits ? Activation.LINEAR : Activation.SIGMOID;
      return new Objective(loss, new PointOutputLoss(new BinaryCrossEntropy(true), act, true), out, act,
          LabelRule.ZERO_OR_ONE, Task.BINARY);
    }
    if (loss.equals("categorical_cross_entropy")) {
      require(out == ModelOutput.SOFTMAX, loss, out, "--model softmax");
      Activation act = fromLogits ? Activation.LINEAR : Activation.SOFTMAX;
      return new Objective(loss, new SoftmaxCrossEntropy(), out, act, LabelRule.CLASS_INDEX, Task.MULTICLASS);
    }
    require(out != ModelOutput.SOFTMAX, loss, out, "a single output: --model linear, logistic or poisson");
    if (loss.equals("poisson")) {
      require(out == ModelOutput.POISSON, loss, out, "--model poisson (a positive, exponential output)");
    }
    PointLoss point = pointLoss(loss, huberDelta);
    boolean hinge = loss.equals("hinge") || loss.equals("squared_hinge");
    Task task = hinge ? Task.BINARY : out.task();
    LabelRule labels = hinge ? LabelRule.SIGNED : task == Task.BINARY ? LabelRule.ZERO_OR_ONE
        : loss.equals("poisson") ? LabelRule.NON_NEGATIVE : LabelRule.FINITE;
    return new Objective(loss, new PointOutputLoss(point, out.activation(), false), out, out.activation(), labels, task);
  }

  /** The output a loss is usually paired with. */
  static ModelOutput naturalOutput(String loss) {
    switch (loss) {
      case "binary_cross_entropy": return ModelOutput.LOGISTIC;
      case "categorical_cross_entropy": return ModelOutput.SOFTMAX;
      case "poisson": return ModelOutput.POISSON;
      default: return ModelOutput.LINEAR;
    }
  }

  /** Whether binary scores are raw margins (a linear output), so that metrics take their sigmoid. */
  public boolean scoresAreMargins() {
    return task == Task.BINARY && activation == Activation.LINEAR;
  }

  private static void require(boolean ok, String loss, ModelOutput out, String needs) {
    if (!ok) {
      throw new UsageException("the loss " + loss + " needs " + needs + "; the model is "
          + out.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static PointLoss pointLoss(String loss, double huberDelta) {
    switch (loss) {
      case "mse": return new SquaredError();
      case "mae": return new AbsoluteError();
      case "huber": return new HuberLoss(huberDelta);
      case "log_cosh": return new LogCoshLoss();
      case "hinge": return new HingeLoss(false);
      case "squared_hinge": return new HingeLoss(true);
      case "poisson": return new PoissonLoss();
      default:
        return CLASS_NAME.matcher(loss).matches() ? userLoss(loss) : expressionLoss(loss);
    }
  }

  private static PointLoss expressionLoss(String text) {
    try {
      return new ExpressionLoss(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--loss: " + e.getMessage() + " (built-in losses: " + String.join(", ", BUILT_IN) + ")");
    }
  }

  private static PointLoss userLoss(String className) {
    Class<?> type;
    try {
      // not initialised: a class that is no PointLoss must not run its static code
      type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UsageException("--loss: no class " + className + " on the classpath (add its jar with --jars)");
    }
    if (!PointLoss.class.isAssignableFrom(type)) {
      throw new UsageException("--loss: the class " + className + " does not implement " + PointLoss.class.getName());
    }
    try {
      return (PointLoss) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new UsageException("--loss: cannot create " + className + ": it needs a public constructor with no arguments");
    }
  }
}
