package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A task's rows counted in an {@link IntervalState}: each in the whole state and in the group its
 * group number picks. The number is a hash of the row's place in its partition ({@link
 * IntervalGroups#ofRow}: the state counts the rows it is given), or, when {@code keyed}, of its
 * interval key, given as one more argument after the task's own. (Spark refuses a
 * non-deterministic argument such as a row's id in an aggregate, so the place is counted here.)
 */
record IntervalInputs(StateInputs task, boolean keyed) implements StateInputs {
  private static final long serialVersionUID = 1L;
  /** The role of the group number in type errors. */
  static final String ROLE = "interval group";

  @Override
  public List<String> roles() {
    List<String> roles = new ArrayList<>(task.roles());
    if (keyed) {
      roles.add(ROLE);
    }
    return roles;
  }

  @Override
  public String expected(int index, DataType type) {
    if (index < task.roles().size()) {
      return task.expected(index, type);
    }
    return type == DataTypes.LongType ? null : "a long (a hash of the interval key)";
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    return new IntervalState(task.emptyState(types.subList(0, task.roles().size())).settings());
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] arguments, InternalRow row) {
    IntervalState s = (IntervalState) state;
    long group = keyed ? arguments[arguments.length - 1].wholeNumber(row)
        : IntervalGroups.ofRow(TaskContext.getPartitionId(), s.nextRow());
    task.update(s, group, arguments, row);
  }
}
