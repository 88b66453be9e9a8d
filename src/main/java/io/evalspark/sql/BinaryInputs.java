package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/**
 * Binary rows: a label (0/1, numeric or boolean), a score (the positive-class probability or logit;
 * a number, or element 1 of a 2-class probability array or ML vector; a row of another length
 * counts as a missing score) and an optional weight.
 */
record BinaryInputs(BinarySettings settings, boolean weighted) implements StateInputs {
  private static final long serialVersionUID = 1L;

  @Override
  public List<String> roles() {
    return StateInputs.roles(List.of("label", "score"), weighted);
  }

  @Override
  public String expected(int index, DataType type) {
    if (index == 1) {
      return Argument.isNumber(type) || Argument.isNumbers(type) ? null : BinarySettings.SCORE;
    }
    return StateInputs.expectNumber(type, index == 0);
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    return new BinaryState(settings);
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] a, InternalRow row) {
    ((BinaryState) state).update(a[0].numberOrNaN(row), a[1].positiveClassOrNaN(row), weighted ? a[2].numberOrNaN(row) : 1.0);
  }

  /** Both states from one read of the row and one computation of its terms. */
  @Override
  public void update(IntervalState state, long group, Argument[] a, InternalRow row) {
    ((BinaryState) state.whole()).update(a[0].numberOrNaN(row), a[1].positiveClassOrNaN(row),
        weighted ? a[2].numberOrNaN(row) : 1.0, state.binaryGroups(), group);
  }
}
