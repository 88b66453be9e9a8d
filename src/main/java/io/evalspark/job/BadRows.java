package io.evalspark.job;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.RowCounts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Rows an evaluation cannot use, said as a user can act on them: how many, for which reason, in
 * which column, with an example; and inputs whose rows disagree with each other.
 */
public final class BadRows {
  private BadRows() {}

  /**
   * Why {@code counts}' invalid rows cannot be evaluated, by reason with an example each, and what
   * the input's columns explain of them: a score array of other than two, lines that are not JSON.
   */
  static String message(RowCounts counts, EvaluationSpec spec, InputColumns columns, Dataset<Row> rows) {
    return invalidMessage(counts, spec) + classProbabilitiesNote(columns, spec) + unreadLines(rows);
  }

  private static String invalidMessage(RowCounts rows, EvaluationSpec spec) {
    StringBuilder m = new StringBuilder();
    m.append(rows.invalidRows()).append(" of ").append(rows.rows())
        .append(" rows cannot be evaluated as ").append(spec.task().displayName()).append(" predictions")
        .append(" (use --on-invalid skip to evaluate the rest):");
    rows.invalidByReason().forEach((reason, n) -> m.append("\n  ").append(invalidRows(n, reason, spec))
        .append("; for example ").append(rows.exampleByReason().get(reason)));
    return m.toString();
  }

  /**
   * Fails where a multiclass evaluation's rows (or, with a model column, one model's rows) give
   * probabilities of different lengths and no --num-classes says which is right: the number of
   * classes is unclear, and every one-vs-rest metric would be undefined without a word.
   */
  static void requireOneProbabilityLength(EvaluationSpec spec, EvaluationState<?> overall,
      List<SliceResult> slices, List<SliceResult> models) {
    if (!(spec.settings() instanceof MulticlassSettings)) {
      return;
    }
    Map<String, EvaluationState<?>> states = new LinkedHashMap<>(); // by what the error calls them
    if (spec.modelColumn() == null) {
      states.put("rows", overall);
    } else { // a model's classes are its own
      (models.isEmpty() ? slices : models).forEach(s ->
          states.put("rows of model " + s.key().get(spec.modelColumn()), s.state()));
    }
    states.forEach((rows, state) -> {
      if (IntervalState.whole(state) instanceof MulticlassState m && m.probabilityLengthsDiffer()) {
        throw new BadDataException("the probabilities (" + describeColumns(spec.probabilities()) + ") of the " + rows
            + " differ in length, so the number of classes is unclear: give --num-classes K (num-classes = K), and"
            + " rows of another length are counted invalid");
      }
    });
  }

  private static String describeColumns(List<String> columns) {
    return (columns.size() == 1 ? "column '" : "columns '") + String.join("', '", columns) + "'";
  }

  /** Where a binary score is an array or vector: how its rows are read, since a row of other than two reads as null. */
  private static String classProbabilitiesNote(InputColumns columns, EvaluationSpec spec) {
    return spec.task() == Task.BINARY && columns.scoresAreClassProbabilities(spec.score())
        ? "\n  (a score array or vector must hold 2 class probabilities, of which element 1 is the positive class's;"
            + " a row of another length counts as a null score: a multiclass model is evaluated with --task multiclass)"
        : "";
  }

  /**
   * A line that says how many of the JSON lines {@code rows} were read from Spark could not parse
   * (empty where none): each is a row of nulls, counted invalid for its null label. Such a row has
   * its text in Spark's corrupt-record column; a query of that column alone is one Spark refuses,
   * so another column is read beside it.
   */
  private static String unreadLines(Dataset<Row> rows) {
    String corrupt = InputReader.corruptRecordColumn(rows.sparkSession());
    List<String> columns = Arrays.asList(rows.columns());
    String other = columns.stream().filter(c -> !c.equals(corrupt)).findFirst().orElse(null);
    if (!columns.contains(corrupt) || other == null) {
      return "";
    }
    long n = rows.where(InputColumns.ref(corrupt).isNotNull())
        .agg(functions.count(functions.lit(1)), functions.max(InputColumns.ref(other))).first().getLong(0);
    return n == 0 ? "" : "\n  (" + n + (n == 1 ? " line of the input is" : " lines of the input are") + " not JSON: Spark"
        + " reads " + (n == 1 ? "it as a row" : "them as rows") + " of nulls)";
  }

  /** The column or columns of a multilabel evaluation's true labels. */
  private static String labelColumns(EvaluationSpec spec) {
    return spec.settings() instanceof MultilabelSettings m && !m.labels().isEmpty() ? String.join(",", m.labels())
        : spec.label();
  }

  /** How many rows cannot be evaluated for a reason, for example "3 rows: label (column 'y') is not 0 or 1". */
  public static String invalidRows(long rows, String reason, EvaluationSpec spec) {
    return rows + " rows: " + describe(reason, spec);
  }

  /** A reason with the column it is about, for example "label (column 'y') is not 0 or 1". */
  static String describe(String reason, EvaluationSpec spec) {
    String[][] roles = {
      {"label", spec.label()},
      {"score", spec.score()},
      {"prediction", spec.prediction()},
      {"probabilities", String.join(",", spec.probabilities())},
      {"labels", labelColumns(spec)},
      {"a label indicator", labelColumns(spec)},
      {"predicted labels", spec.prediction()},
      {"relevant items", spec.label()},
      {"a relevant item", spec.label()},
      {"a relevance", spec.label()},
      {"a query", spec.query()},
      {"predicted items", spec.prediction()},
      {"a predicted item", spec.prediction()},
      {"a predicted label", spec.prediction()},
      {"a label", spec.label()},
      {"scores", String.join(",", spec.probabilities())},
      {"a score", spec.probabilities().isEmpty() ? spec.score() : String.join(",", spec.probabilities())},
      {"a probability", String.join(",", spec.probabilities())},
      {"weight", spec.weight()},
    };
    for (String[] role : roles) {
      if (reason.startsWith(role[0] + " ") && role[1] != null && !role[1].isEmpty()) {
        return role[0] + " (column '" + role[1] + "')" + reason.substring(role[0].length());
      }
    }
    return reason;
  }
}
