package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/** How the arguments of one row feed one task's state. */
interface StateInputs extends Serializable {
  /** The roles of the arguments, in order: for example label, score, weight. */
  List<String> roles();

  /** What the argument at {@code index} must be, or null when {@code type} will do. */
  String expected(int index, DataType type);

  /** What the arguments must be together (the types of all of them), or null when they will do. */
  default String expectedTogether(List<DataType> types) {
    return null;
  }

  /** An empty state for arguments of these types. */
  EvaluationState<?> emptyState(List<DataType> types);

  /** Counts one row into the state. */
  void update(EvaluationState<?> state, Argument[] arguments, InternalRow row);

  /** Counts one row into the whole state of an interval state and into the group of group number {@code group}. */
  default void update(IntervalState state, long group, Argument[] arguments, InternalRow row) {
    update(state.whole(), arguments, row);
    update(state.group(group), arguments, row);
  }

  /** "label, score" or "label, score, weight". */
  static List<String> roles(List<String> required, boolean weighted) {
    if (!weighted) {
      return required;
    }
    List<String> all = new ArrayList<>(required);
    all.add("weight");
    return all;
  }

  /** The expectation of a number: numeric, or boolean where allowed. */
  static String expectNumber(DataType type, boolean booleanOk) {
    if (type instanceof NumericType || (booleanOk && type instanceof BooleanType)) {
      return null;
    }
    return booleanOk ? "a numeric or boolean column" : "a numeric column";
  }
}
