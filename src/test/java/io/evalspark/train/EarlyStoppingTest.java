package io.evalspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  private static final MetricList AUC = MetricList.parse("auc", Task.BINARY, Double.NaN);

  /** The epoch (from 0) after which it stops, or -1; weights are the epoch number. */
  private static int run(EarlyStopping es, String monitor, double... values) {
    es.start(AUC, true);
    for (int e = 0; e < values.length; e++) {
      if (es.onEpochEnd(e, Map.of(monitor, values[e]), new double[] {e})) {
        return e;
      }
    }
    return -1;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutAnImprovementBiggerThanMinDelta() {
    // min mode; an improvement needs value + 0.005 < best. Epoch 0 (0.5) and 1 (0.4) improve; 2 (0.41) waits 1;
    // 3 (0.39: 0.395 < 0.4) improves; 4 (0.395) waits 1; 5 (0.394: 0.399 is not < 0.39) waits 2 = patience: stop.
    EarlyStopping es = EarlyStopping.parse("monitor=val_loss,patience=2,min_delta=0.005,restore_best_weights=true");
    assertEquals(5, run(es, "val_loss", 0.5, 0.4, 0.41, 0.39, 0.395, 0.394, 0.2));
    assertEquals(3, es.bestEpoch());
    assertEquals(3.0, es.weightsToRestore()[0]);
  }

  @Test
  void anUndefinedValueIsNeitherAnImprovementNorAStepOfPatience() {
    // patience 1, max mode: epoch 0 (0.7) improves; epochs 1 and 2 are undefined and pass over; epoch 3 (0.69)
    // waits 1 = patience: stop at epoch 3, the best still epoch 0
    EarlyStopping es = EarlyStopping.parse("monitor=val_auc,patience=1");
    assertEquals(3, run(es, "val_auc", 0.7, Double.NaN, Double.NaN, 0.69, 0.9));
    assertEquals(0, es.bestEpoch());
    assertEquals(-1, run(EarlyStopping.parse("monitor=val_auc,patience=1"), "val_auc", Double.NaN, Double.NaN,
        Double.NaN), "never a value, never a stop");
  }

  @Test
  void significantCountsOnlyImprovementsBeyondTheValuesOwnError() {
    // val_auc creeps up by 0.002 an epoch with a standard error of 0.01: at 95% an improvement must exceed
    // 1.96 x 0.01 = 0.0196. Epoch 0 improves on nothing; epochs 1 and 2 do not count: patience 2 stops at epoch 2.
    EarlyStopping es = EarlyStopping.parse("monitor=val_auc,patience=2,min_delta=significant");
    es.start(AUC, true);
    double[] values = {0.800, 0.802, 0.804, 0.806, 0.808};
    int stopped = -1;
    for (int e = 0; e < values.length && stopped < 0; e++) {
      if (es.onEpochEnd(e, Map.of("val_auc", values[e], "val_auc_stderr", 0.01), new double[] {e})) {
        stopped = e;
      }
    }
    assertEquals(2, stopped);
    assertEquals(0, es.bestEpoch());
    // the same values without significance improve every epoch
    assertEquals(-1, run(EarlyStopping.parse("monitor=val_auc,patience=2"), "val_auc", values));
    // a jump beyond the error does count: 0.83 - 0.0196 > 0.80
    EarlyStopping jump = EarlyStopping.parse("monitor=val_auc,patience=1,min_delta=significant");
    jump.start(AUC, true);
    jump.onEpochEnd(0, Map.of("val_auc", 0.80, "val_auc_stderr", 0.01), new double[] {0});
    jump.onEpochEnd(1, Map.of("val_auc", 0.83, "val_auc_stderr", 0.01), new double[] {1});
    assertEquals(1, jump.bestEpoch());
  }

  @Test
  void autoModeKnowsAucIsLargerIsBetter() {
    EarlyStopping es = EarlyStopping.parse("monitor=val_auc,patience=1");
    assertEquals(2, run(es, "val_auc", 0.7, 0.8, 0.75, 0.9)); // epoch 2 falls: wait 1 = patience
    assertEquals(1, es.bestEpoch());
  }

  @Test
  void explicitModeOverridesAuto() {
    EarlyStopping es = EarlyStopping.parse("monitor=val_auc,mode=min,patience=1");
    assertEquals(1, run(es, "val_auc", 0.7, 0.8)); // min mode: 0.8 is worse
  }

  @Test
  void aBaselineKeepsTheWaitRunningUntilItIsBeaten() {
    // Epochs 0-2 improve but stay under the baseline 0.9, so the wait is not reset: it reaches 3 at epoch 2,
    // and epoch 3, which does not improve, stops (as in Keras, an improving epoch itself never stops).
    EarlyStopping es = EarlyStopping.parse("monitor=auc,patience=3,baseline=0.9");
    assertEquals(3, run(es, "auc", 0.6, 0.7, 0.8, 0.79));
    // Without the baseline, epoch 3 is only the first epoch without improvement.
    assertEquals(-1, run(EarlyStopping.parse("monitor=auc,patience=3"), "auc", 0.6, 0.7, 0.8, 0.79));
  }

  @Test
  void epochsBeforeStartFromEpochAreNotWatched() {
    EarlyStopping es = EarlyStopping.parse("monitor=loss,patience=1,start_from_epoch=2");
    // Epochs 0 and 1 are ignored; 2 sets the best; 3 is worse: stop.
    assertEquals(3, run(es, "loss", 5, 9, 1, 2));
    assertEquals(2, es.bestEpoch());
  }

  @Test
  void withoutRestoringNoWeightsAreKept() {
    EarlyStopping es = EarlyStopping.parse("monitor=loss,patience=0");
    assertEquals(1, run(es, "loss", 1, 2));
    assertEquals(null, es.weightsToRestore());
  }

  @Test
  void watchingWhatIsNotWatchedIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> EarlyStopping.parse("monitor=val_f1").start(AUC, true));
    assertTrue(e.getMessage().contains("'val_f1', which is not watched; watched: loss, auc"), e.getMessage());
    UsageException noValidation = assertThrows(UsageException.class,
        () -> EarlyStopping.parse("monitor=val_auc").start(AUC, false));
    assertTrue(noValidation.getMessage().contains("no validation rows"), noValidation.getMessage());
    assertThrows(UsageException.class, () -> EarlyStopping.parse("patience=soon"));
    assertThrows(UsageException.class, () -> EarlyStopping.parse("mode=up"));
    assertThrows(UsageException.class, () -> EarlyStopping.parse("wait=3"));
  }

  @Test
  void aSettingThatIsNotTrueOrFalseOrNamedTwiceIsRefusedNotReadAsFalseOrTheLast() {
    for (String yes : new String[] {"true", "True", "1"}) {
      EarlyStopping es = EarlyStopping.parse("monitor=val_loss,restore_best_weights=" + yes);
      run(es, "val_loss", 0.5, 0.4, 0.6);
      assertEquals(1.0, es.weightsToRestore()[0], yes);
    }
    for (String no : new String[] {"false", "FALSE", "0"}) {
      EarlyStopping es = EarlyStopping.parse("monitor=val_loss,restore_best_weights=" + no);
      run(es, "val_loss", 0.5, 0.4, 0.6);
      assertEquals(null, es.weightsToRestore(), no);
    }
    UsageException yes = assertThrows(UsageException.class,
        () -> EarlyStopping.parse("monitor=val_loss,restore_best_weights=yes"));
    assertEquals("--early-stopping: cannot read restore_best_weights='yes'; expected true or false", yes.getMessage());
    UsageException twice = assertThrows(UsageException.class,
        () -> EarlyStopping.parse("monitor=val_loss,patience=2,Patience=3"));
    assertEquals("--early-stopping names 'patience' twice; name each setting once", twice.getMessage());
  }

  /**
   * A min_delta or baseline that is no finite number is refused: with min_delta=NaN no epoch ever
   * improved, so training stopped after patience epochs whatever the loss did; baseline=NaN stood
   * for no baseline.
   */
  @Test
  void aMinDeltaOrBaselineThatIsNoFiniteNumberIsRefused() {
    for (String delta : new String[] {"NaN", "Infinity"}) {
      UsageException e = assertThrows(UsageException.class,
          () -> EarlyStopping.parse("monitor=val_loss,min_delta=" + delta));
      assertEquals("--early-stopping: min_delta must be a finite number or 'significant', got " + delta, e.getMessage());
    }
    UsageException e = assertThrows(UsageException.class, () -> EarlyStopping.parse("monitor=val_loss,baseline=NaN"));
    assertEquals("--early-stopping: baseline must be a finite number, got NaN", e.getMessage());
    assertEquals(1, run(EarlyStopping.parse("monitor=val_loss,min_delta=-0.1,patience=1"), "val_loss", 0.5, 0.45, 0.3),
        "min_delta is taken as its size, as Keras does: 0.45 improves on 0.5 by less than 0.1");
  }
}
