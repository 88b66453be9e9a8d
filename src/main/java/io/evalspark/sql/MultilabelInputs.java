package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.MultilabelState;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/**
 * Multilabel rows: two arrays of numbers and an optional weight. Without scores in the settings,
 * the arrays are the row's true labels and its predicted labels; with them, a 0/1 indicator and a
 * score per label, as many as {@code labelCount} says where the settings do not name the labels
 * (0: as many as a state's first valid row has).
 */
record MultilabelInputs(MultilabelSettings settings, int labelCount, boolean weighted) implements StateInputs {
  private static final long serialVersionUID = 1L;

  @Override
  public List<String> roles() {
    return StateInputs.roles(settings.hasScores() ? List.of("labels", "scores") : List.of("labels", "predictions"),
        weighted);
  }

  @Override
  public String expected(int index, DataType type) {
    if (index < 2) {
      return Argument.isNumbers(type) ? null : "an array of numbers";
    }
    return StateInputs.expectNumber(type, false);
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    return new MultilabelState(settings, labelCount);
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] a, InternalRow row) {
    MultilabelState s = (MultilabelState) state;
    double weight = weighted ? a[2].numberOrNaN(row) : 1.0;
    if (settings.hasScores()) {
      s.updateIndicators(a[0].numbers(row), a[1].numbers(row), weight);
    } else {
      s.updateSets(a[0].numbers(row), a[1].numbers(row), weight);
    }
  }
}
