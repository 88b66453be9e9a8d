package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.RankedListsSettings;
import io.evalspark.metrics.RankedListsState;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/**
 * Ranking rows, one a query: an array of its relevant items and an array of its predicted items
 * (best first), or with graded settings an array of its items' scores and one of their relevances;
 * then an optional weight.
 */
record RankedListsInputs(RankedListsSettings settings, boolean weighted) implements StateInputs {
  private static final long serialVersionUID = 1L;

  @Override
  public List<String> roles() {
    return StateInputs.roles(settings.graded() ? List.of("scores", "relevance") : List.of("relevant", "predicted"),
        weighted);
  }

  @Override
  public String expected(int index, DataType type) {
    if (index < 2) {
      return settings.graded() ? (Argument.isNumbers(type) ? null : "an array of numbers")
          : Argument.isItems(type) ? null : "an array of item ids (numbers or strings)";
    }
    return StateInputs.expectNumber(type, false);
  }

  @Override
  public String expectedTogether(List<DataType> types) {
    return settings.graded() || Argument.isStrings(types.get(0)) == Argument.isStrings(types.get(1)) ? null
        : "the relevant items are " + (Argument.isStrings(types.get(0)) ? "strings" : "numbers") + " and the"
            + " predicted ones " + (Argument.isStrings(types.get(1)) ? "strings" : "numbers") + ", which are never"
            + " the same item; give both as strings or both as numbers";
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    return new RankedListsState(settings);
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] a, InternalRow row) {
    double weight = weighted ? a[2].numberOrNaN(row) : 1.0;
    if (settings.graded()) {
      ((RankedListsState) state).updateGraded(a[0].numbers(row), a[1].numbers(row), weight);
    } else {
      double[][] ids = ItemIds.numbered(a[0].items(row), a[1].items(row));
      ((RankedListsState) state).update(ids[1], ids[0], weight);
    }
  }
}
