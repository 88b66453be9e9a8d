package io.evalspark.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.job.InputColumns;
import io.evalspark.job.NestedFields;
import io.evalspark.loss.Logistic;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Adds a model's predictions to a table, in the columns {@code evaluate} reads: binary
 * {@code score} (the probability of class 1; with {@code margin} too where the model outputs raw
 * margins) and {@code prediction} (1 iff score >= 0.5); multiclass {@code probabilities} and
 * {@code prediction} (the most probable class); regression {@code prediction}. Rows whose features
 * are null or NaN get null predictions, which {@code evaluate} counts as invalid rows.
 */
public final class Predictor {
  private static final String RESULT = "__evalspark_prediction";

  private Predictor() {}

  /**
   * {@code input} with the prediction columns added. An input column of the same name (as Spark
   * resolves names: in any case) is replaced where {@code replaceColumns}, and refused otherwise, as
   * MLlib's models refuse an output column that exists: the output would lose its values unasked.
   */
  public static Dataset<Row> predict(TrainedModel model, Dataset<Row> input, boolean replaceColumns) {
    return predict(model, input, replaceColumns, null);
  }

  /**
   * What the rows of a prediction counted as an action read them: every row, and those whose
   * features gave no prediction. Spark merges a task's counts once, when the task succeeds.
   */
  public record Counts(LongAccumulator rows, LongAccumulator unpredicted) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Counts of zero, registered with {@code spark}'s context. */
    public static Counts of(SparkSession spark) {
      return new Counts(spark.sparkContext().longAccumulator("predict: rows"),
          spark.sparkContext().longAccumulator("predict: rows without a prediction"));
    }
  }

  /** As above, counting each row predicted into {@code counts} where it is not null. */
  public static Dataset<Row> predict(TrainedModel model, Dataset<Row> input, boolean replaceColumns, Counts counts) {
    StructType schema = schema(model);
    List<String> taken = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      for (String column : input.columns()) {
        if (column.equalsIgnoreCase(name)) {
          taken.add(column);
        }
      }
    }
    if (!taken.isEmpty() && !replaceColumns) {
      throw new UsageException("the input already has the column" + (taken.size() == 1 ? " '" : "s '")
          + String.join("', '", taken) + "', which predict writes (" + String.join(", ", schema.fieldNames())
          + "); give --replace-columns to write the predictions in place of " + (taken.size() == 1 ? "it" : "them"));
    }
    int last = schema.size() - 1; // the prediction, null where the features gave none
    UserDefinedFunction apply = udf((UDF1<Row, Row>) features -> {
      Row predicted = predictRow(model, features);
      if (counts != null) {
        counts.rows().add(1);
        counts.unpredicted().add(predicted.isNullAt(last) ? 1 : 0);
      }
      return predicted;
    }, schema).asNondeterministic(); // once a row: Spark neither repeats nor moves it
    List<String> named = model.features().vector() == null ? model.features().columns()
        : List.of(model.features().vector());
    Set<String> lifted = NestedFields.added(input, named);
    Dataset<Row> rows = NestedFields.lift(input, named);
    List<Column> features;
    try {
      features = model.features().select(rows);
    } catch (BadDataException e) {
      throw InputColumns.whereNoRows(e, rows, "predict");
    }
    Dataset<Row> withResult = rows.withColumn(RESULT, apply.apply(struct(features.toArray(new Column[0]))));
    for (StructField f : schema.fields()) {
      withResult = withResult.withColumn(f.name(), col(RESULT + "." + f.name()));
    }
    for (String column : lifted) { // the output keeps the input's columns as they were
      withResult = withResult.drop(InputColumns.ref(column));
    }
    return withResult.drop(RESULT);
  }

  private static StructType schema(TrainedModel model) {
    List<StructField> fields = new ArrayList<>();
    if (model.task() == Task.BINARY) {
      fields.add(DataTypes.createStructField("score", DataTypes.DoubleType, true));
      if (model.scoresAreMargins()) {
        fields.add(DataTypes.createStructField("margin", DataTypes.DoubleType, true));
      }
    } else if (model.task() == Task.MULTICLASS) {
      fields.add(DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.DoubleType), true));
    }
    fields.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, true));
    return DataTypes.createStructType(fields);
  }

  /** The prediction of one row of features, as a row of {@link #schema}. */
  static Row predictRow(TrainedModel model, Row features) {
    double[] x = new double[model.features().size()];
    int width = schema(model).size();
    if (model.features().read(features, x) != null) {
      return RowFactory.create(new Object[width]);
    }
    Network.Workspace ws = model.net().workspace();
    model.net().forward(model.weights(), x, 0, ws);
    double[] out = ws.output();
    if (model.task() == Task.BINARY) {
      double score = model.scoresAreMargins() ? Logistic.sigmoid(out[0]) : out[0];
      double predicted = score >= 0.5 ? 1.0 : 0.0;
      return model.scoresAreMargins() ? RowFactory.create(score, out[0], predicted) : RowFactory.create(score, predicted);
    }
    if (model.task() == Task.MULTICLASS) {
      double[] p = new double[out.length];
      if (model.net().output() == Activation.SOFTMAX) {
        System.arraycopy(out, 0, p, 0, p.length);
      } else {
        Activation.softmax(ws.outputLogits(), p, p.length);
      }
      int best = 0;
      List<Double> list = new ArrayList<>();
      for (int k = 0; k < p.length; k++) {
        best = p[k] > p[best] ? k : best;
        list.add(p[k]);
      }
      return RowFactory.create(list.toArray(new Double[0]), (double) best);
    }
    return RowFactory.create(out[0]);
  }
}
