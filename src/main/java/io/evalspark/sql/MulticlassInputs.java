package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;

/**
 * Multiclass rows: a class index label, then either a predicted class index and probabilities
 * (given settings say which are present), or, where settings are null, one argument whose type
 * says what it is: a number is the predicted class, an array or vector the class probabilities.
 * An optional weight comes last. {@code topK} (0 for none) asks for top-K accuracy, where the
 * argument is the class probabilities.
 */
record MulticlassInputs(MulticlassSettings settings, int topK, boolean weighted) implements StateInputs {
  private static final long serialVersionUID = 1L;

  @Override
  public List<String> roles() {
    return StateInputs.roles(
        settings == null ? List.of("label", "prediction") : List.of("label", "prediction", "probabilities"), weighted);
  }

  @Override
  public String expected(int index, DataType type) {
    boolean predictionOrProbabilities = settings == null && index == 1;
    boolean probabilities = settings != null && index == 2;
    if (predictionOrProbabilities && topK > 0 && !Argument.isNumbers(type)) {
      return "an array or vector of class probabilities, which top_k needs";
    }
    if (predictionOrProbabilities || probabilities) {
      boolean ok = Argument.isNumbers(type) || (predictionOrProbabilities && Argument.isNumber(type));
      return ok ? null : predictionOrProbabilities
          ? "a numeric column (the predicted class) or an array or vector of class probabilities"
          : "an array or vector of class probabilities";
    }
    boolean classIndex = index == 0 || (settings != null && index == 1);
    return classIndex && type instanceof StringType ? MulticlassSettings.CLASS_INDICES
        : StateInputs.expectNumber(type, false);
  }

  @Override
  public EvaluationState<?> emptyState(List<DataType> types) {
    if (settings != null) {
      return new MulticlassState(settings);
    }
    boolean probabilities = Argument.isNumbers(types.get(1));
    return new MulticlassState(new MulticlassSettings(0, !probabilities, probabilities, topK));
  }

  @Override
  public void update(EvaluationState<?> state, Argument[] a, InternalRow row) {
    MulticlassState s = (MulticlassState) state;
    int w = roles().size() - 1;
    double weight = weighted ? a[w].numberOrNaN(row) : 1.0;
    double label = a[0].numberOrNaN(row);
    if (settings != null) {
      s.update(label, a[1].numberOrNaN(row), a[2].numbers(row), weight);
    } else if (a[1].isNumbers()) {
      s.update(label, Double.NaN, a[1].numbers(row), weight);
    } else {
      s.update(label, a[1].numberOrNaN(row), null, weight);
    }
  }
}
