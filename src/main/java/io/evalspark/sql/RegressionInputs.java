package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.RegressionState;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/** Regression rows: a numeric label and prediction and an optional weight. */
record RegressionInputs(RegressionSettings settings, boolean weighted) implements StateInputs {
  private static final long serialVersionUID = 1L;

  @Override
  public List<String> roles() {
    return StateInputs.roles(List.of("label", "prediction"), weighted);
  }

  @Override
  public String expected(int index, DataType type) {
    return StateInputs.expectNumber(type, false);
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    return new RegressionState(settings);
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] a, InternalRow row) {
    ((RegressionState) state).update(a[0].numberOrNaN(row), a[1].numberOrNaN(row),
        weighted ? a[2].numberOrNaN(row) : 1.0);
  }
}
