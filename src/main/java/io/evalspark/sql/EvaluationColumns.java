package io.evalspark.sql;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.RankedListsSettings;
import io.evalspark.metrics.RegressionSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * The evaluation states as DataFrame aggregate columns, with every setting of the evaluate job.
 * Each returns the merged state's byte form, for {@code agg(...)} with or without {@code groupBy};
 * given {@link IntervalGroups}, the state is an interval state whose groups give every metric's
 * confidence interval.
 */
public final class EvaluationColumns {
  private EvaluationColumns() {}

  /** The binary state of (label, score, weight); a null weight column weighs every row 1. */
  public static Column binaryState(BinarySettings settings, Column label, Column score, Column weight) {
    return binaryState(settings, label, score, weight, null);
  }

  /** The same as an interval state of these groups, unless {@code groups} is null. */
  public static Column binaryState(BinarySettings settings, Column label, Column score, Column weight,
      IntervalGroups groups) {
    return state("binary_state", new BinaryInputs(settings, weight != null), groups, label, score, weight);
  }

  /** The regression state of (label, prediction, weight); a null weight column weighs every row 1. */
  public static Column regressionState(RegressionSettings settings, Column label, Column prediction, Column weight,
      IntervalGroups groups) {
    return state("regression_state", new RegressionInputs(settings, weight != null), groups, label, prediction, weight);
  }

  /**
   * The multiclass state of (label, prediction, probabilities, weight): the settings say which of
   * prediction and probabilities are present (pass a typed null literal for the other). Both
   * regression and multiclass states are interval states of {@code groups} unless it is null.
   */
  public static Column multiclassState(MulticlassSettings settings, Column label, Column prediction,
      Column probabilities, Column weight, IntervalGroups groups) {
    return state("multiclass_state", new MulticlassInputs(settings, 0, weight != null), groups, label, prediction,
        probabilities, weight);
  }

  /**
   * The multilabel state of two arrays a row (true and predicted labels, or with scores in the
   * settings a 0/1 indicator and a score per label, {@code labelCount} of them where the settings do
   * not name the labels, 0 for as many as a state's first valid row has) and a weight; an interval
   * state of {@code groups} unless it is null.
   */
  public static Column multilabelState(MultilabelSettings settings, int labelCount, Column labels, Column predictions,
      Column weight, IntervalGroups groups) {
    return state("multilabel_state", new MultilabelInputs(settings, labelCount, weight != null), groups, labels,
        predictions, weight);
  }

  /** The ranking state of (relevant items, predicted items best first, weight); an interval state unless {@code groups} is null. */
  public static Column rankingState(RankedListsSettings settings, Column relevant, Column predicted, Column weight,
      IntervalGroups groups) {
    return state("ranking_state", new RankedListsInputs(settings, weight != null), groups, relevant, predicted, weight);
  }

  private static Column state(String name, StateInputs task, IntervalGroups groups, Column... columns) {
    List<Expression> arguments = new ArrayList<>();
    for (Column c : columns) {
      if (c != null) {
        arguments.add(CatalystAggregate.expression(c));
      }
    }
    StateInputs inputs = task;
    if (groups != null) {
      Column keyHash = groups.keyHash();
      inputs = new IntervalInputs(task, keyHash != null);
      if (keyHash != null) {
        arguments.add(CatalystAggregate.expression(keyHash));
      }
    }
    EvaluationAggregate state = new EvaluationAggregate(name, name + "(" + String.join(", ", inputs.roles()) + ")",
        inputs, new StateOutput.Bytes(), arguments, null);
    return CatalystAggregate.column(state.toAggregateExpression());
  }
}
