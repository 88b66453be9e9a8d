package io.evalspark.job;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * How many labels a multilabel evaluation's rows have where it gets a 0/1 indicator array and a
 * score array a row and no label is named: the length that most rows' indicator arrays have (the
 * longer of lengths as common), counted in a pass of its own before the evaluation's. Rows of
 * another length are then invalid wherever they are read; a count learned by each state from its
 * first row would make one odd first row turn every other row of its partition invalid.
 */
final class LabelCount {
  private LabelCount() {}

  /** The most common length of {@code labels} over the rows of {@code columns}; 0 where no row has labels. */
  static int of(InputColumns columns, Column labels) {
    List<Row> lengths = columns.rows().select(functions.size(labels).as("n")).where("n > 0").groupBy("n").count()
        .collectAsList();
    int best = 0;
    long rows = 0;
    for (Row length : lengths) {
      int n = length.getInt(0);
      long count = length.getLong(1);
      if (count > rows || count == rows && n > best) {
        best = n;
        rows = count;
      }
    }
    return best;
  }
}
