package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keras's names of the built-in losses name the same loss, recorded under evalspark's name. */
class KerasLossNamesTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "binary_crossentropy, binary_cross_entropy",
    "sparse_categorical_crossentropy, categorical_cross_entropy",
    "mean_squared_error, mse",
    "mean_absolute_error, mae",
    "logcosh, log_cosh"
  })
  void aKerasNameResolvesToTheSameObjective(String keras, String ours) {
    Objective theirs = Objective.of(keras, null, false, 1.0);
    Objective same = Objective.of(ours, null, false, 1.0);
    assertEquals(ours, theirs.loss());
    assertEquals(same.output(), theirs.output());
    assertEquals(same.activation(), theirs.activation());
    assertEquals(same.labels(), theirs.labels());
    assertEquals(same.task(), theirs.task());
    assertEquals(same.outputLoss().getClass(), theirs.outputLoss().getClass());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"binary_crossentropy", "sparse_categorical_crossentropy"})
  void fromLogitsAppliesToKerasCrossEntropyNamesToo(String keras) {
    assertEquals(Activation.LINEAR, Objective.of(keras, null, true, 1.0).activation());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"categorical_crossentropy"})
  void kerasOneHotCrossEntropyPointsToTheClassIndexOne(String keras) {
    UsageException e = assertThrows(UsageException.class, () -> Objective.of(keras, null, false, 1.0));
    assertTrue(e.getMessage().startsWith("--loss categorical_crossentropy: Keras's takes one-hot labels"), e.getMessage());
    assertTrue(e.getMessage().contains("categorical_cross_entropy"), e.getMessage());
  }
}
