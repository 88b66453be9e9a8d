package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in loss on its output layer, and whole networks: backpropagation against finite differences. */
class OutputGradientTest {
  static Stream<Arguments> losses() {
    return Stream.of(
        Arguments.of("mse", "linear", false, 2.0), Arguments.of("mae", "linear", false, 2.0),
        Arguments.of("huber", "linear", false, 2.0), Arguments.of("huber", "linear", false, 0.1),
        Arguments.of("log_cosh", "linear", false, 2.0), Arguments.of("mse", "logistic", false, 1.0),
        Arguments.of("binary_cross_entropy", "logistic", false, 1.0),
        Arguments.of("binary_cross_entropy", "logistic", true, 0.0),
        Arguments.of("categorical_cross_entropy", "softmax", false, 2.0),
        Arguments.of("categorical_cross_entropy", "softmax", true, 1.0),
        Arguments.of("hinge", "linear", false, 1.0), Arguments.of("squared_hinge", "linear", false, 0.0),
        Arguments.of("poisson", "poisson", false, 3.0), Arguments.of("poisson", "poisson", false, 0.0),
        Arguments.of("mean(abs(y^2 - p^2) + (y^2 - p^2)^2)", "linear", false, 1.5),
        Arguments.of("io.evalspark.train.CubicLoss", "linear", false, 0.5));
  }

  @ParameterizedTest(name = "{0} on a {1} output (from logits: {2}), label {3}")
  @MethodSource("losses")
  void backpropagationAgreesWithFiniteDifferences(String loss, String output, boolean fromLogits, double label) {
    Objective objective = Objective.of(loss, ModelOutput.valueOf(output.toUpperCase()), fromLogits, 1.0);
    int outputs = objective.output() == ModelOutput.SOFTMAX ? 3 : 1;
    for (Activation hidden : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU}) {
      Network net = new Network(new int[] {3, 4, outputs}, new Activation[] {hidden, objective.activation()},
          new double[] {0.5, -1, 0}, new double[] {2, 1, 0.5});
      double[] params = net.initialParameters(17);
      double[] x = {1.2, -0.4, 0.3};
      double l2 = 0.01;
      double[] analytic = new double[params.length];
      Network.Workspace ws = net.workspace();
      net.forward(params, x, 0, ws);
      objective.outputLoss().gradient(label, ws.outputLogits(), ws.output(), ws.outputDelta());
      net.backward(params, ws, 1.0, analytic);
      net.addPenaltyGradient(params, l2, analytic);
      for (int i = 0; i < params.length; i++) {
        double h = 1e-6;
        double saved = params[i];
        params[i] = saved + h;
        double up = lossAt(net, objective, params, x, label, l2);
        params[i] = saved - h;
        double down = lossAt(net, objective, params, x, label, l2);
        params[i] = saved;
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, analytic[i], 1e-6 * Math.max(1, Math.abs(numeric)),
            loss + " with " + hidden + " hidden units, parameter " + i);
      }
    }
  }

  private static double lossAt(Network net, Objective objective, double[] params, double[] x, double y, double l2) {
    Network.Workspace ws = net.workspace();
    net.forward(params, x, 0, ws);
    return objective.outputLoss().value(y, ws.outputLogits(), ws.output()) + net.penalty(params, l2);
  }
}
