package io.evalspark.job;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A ranking input of a row per (query, item) turned into a row per query: its slice values, the
 * array of its items' scores and the array of their relevances (in one order), and its weight, the
 * mean of its rows' weights (none when one of them is unusable); the rows without a query (a null
 * query id) are one row of no arrays, which the state counts as an invalid query. Grouping by query
 * is one shuffle of the rows.
 */
final class QueryLists {
  /** The column of a query's scores. */
  static final String SCORES = "scores";
  /** The column of a query's relevances. */
  static final String RELEVANCE = "relevance";
  /** The column of a query's weight. */
  static final String WEIGHT = "weight";

  private QueryLists() {}

  /** One row per query and slice values of {@code input}, whose columns the spec names. */
  static Dataset<Row> of(Dataset<Row> input, EvaluationSpec spec) {
    return of(input, spec, spec.sliceBy());
  }

  /**
   * One row per whole query of {@code input} (and model, with the model column's value), whatever
   * slices its items fall in: the queries of a sliced evaluation's overall metrics, as without slices.
   */
  static Dataset<Row> whole(Dataset<Row> input, EvaluationSpec spec) {
    return of(input, spec, spec.modelColumn() == null ? List.of() : List.of(spec.modelColumn()));
  }

  private static Dataset<Row> of(Dataset<Row> input, EvaluationSpec spec, List<String> sliceBy) {
    InputColumns columns = new InputColumns(input);
    Column score = columns.number("score", spec.score(), false);
    Column relevance = columns.number("label", spec.label(), true);
    List<Column> keys = new ArrayList<>(List.of(columns.column("query", spec.query())));
    keys.addAll(List.of(columns.slices(sliceBy)));
    List<Column> values = new ArrayList<>(List.of(collect_list(struct(score.as("s"), relevance.as("r"))).as("items")));
    if (spec.weight() != null) {
      values.add(weight(columns.number("weight", spec.weight(), false)).as(WEIGHT));
    }
    Dataset<Row> grouped = input.groupBy(keys.toArray(new Column[0]))
        .agg(values.get(0), values.subList(1, values.size()).toArray(new Column[0]));
    List<Column> out = new ArrayList<>();
    sliceBy.forEach(name -> out.add(InputColumns.ref(name)));
    // rows without a query id are no one query: their group is an invalid query ("a query is null")
    Column noQuery = InputColumns.ref(spec.query()).isNull();
    out.add(when(noQuery, lit(null)).otherwise(col("items.s")).as(SCORES));
    out.add(when(noQuery, lit(null)).otherwise(col("items.r")).as(RELEVANCE));
    if (spec.weight() != null) {
      out.add(col(WEIGHT));
    }
    return grouped.select(out.toArray(new Column[0]));
  }

  /**
   * A query's weight: its rows' mean, or null (an invalid weight) when one of them is null, NaN,
   * negative or infinite, which an average would leave out or offset ({@link
   * io.evalspark.metrics.Weights}' rule for a row, as a column).
   */
  private static Column weight(Column rowWeight) {
    Column unusable = rowWeight.isNull().or(isnan(rowWeight)).or(rowWeight.lt(0))
        .or(rowWeight.equalTo(Double.POSITIVE_INFINITY));
    return when(max(when(unusable, 1).otherwise(0)).equalTo(1), lit(null)).otherwise(avg(rowWeight));
  }
}
