package io.evalspark.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Generated binary predictions: label 1 with probability 0.3, score the sigmoid of a noisy margin
 * (so almost every score is distinct), prediction the score thresholded at 0.5; and slice columns
 * drawn uniformly: {@code country} (a string of 100 values), {@code device} (an int of 10) and
 * {@code model} (a string of 5, for {@code --model-column}).
 */
public final class BenchData {
  /** The values of the string slice column {@code country}. */
  static final int COUNTRIES = 100;
  /** The values of the number slice column {@code device}. */
  static final int DEVICES = 10;
  /** The values of the model column {@code model}. */
  static final int MODELS = 5;
  /** The classes of the multiclass predictions. */
  static final int CLASSES = 10;

  private BenchData() {}

  /** Writes {@code rows} rows to Parquet at {@code path} in {@code partitions} files. */
  public static void write(SparkSession spark, long rows, int partitions, String path) {
    Column label = when(rand(7).lt(0.3), lit(1.0)).otherwise(lit(0.0));
    Column margin = randn(11).plus(col("label").multiply(2.0)).minus(1.5);
    spark.range(0, rows, 1, partitions)
        .select(label.as("label"))
        .withColumn("score", lit(1.0).divide(lit(1.0).plus(exp(margin.multiply(-1.0)))))
        .withColumn("prediction", when(col("score").geq(0.5), lit(1.0)).otherwise(lit(0.0)))
        .withColumn("country", concat(lit("c"), floor(rand(13).multiply(COUNTRIES)).cast("string")))
        .withColumn("device", floor(rand(17).multiply(DEVICES)).cast("int"))
        .withColumn("model", concat(lit("m"), floor(rand(19).multiply(MODELS)).cast("string")))
        .write().mode("overwrite").parquet(path);
  }

  /**
   * Writes {@code rows} multiclass rows to Parquet at {@code path} in {@code partitions} files:
   * {@code label} a class of {@link #CLASSES} drawn uniformly, {@code probabilities} an array of
   * doubles, the softmax of noisy logits that favour the label (so about half of the rows are
   * predicted right).
   */
  public static void writeMulticlass(SparkSession spark, long rows, int partitions, String path) {
    Column[] exps = new Column[CLASSES];
    Column total = lit(0.0);
    for (int c = 0; c < CLASSES; c++) {
      exps[c] = exp(randn(23 + c).plus(when(col("label").equalTo(c), lit(1.5)).otherwise(lit(0.0))));
      total = total.plus(col("e" + c));
    }
    Column[] probabilities = new Column[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      probabilities[c] = col("e" + c).divide(total);
    }
    Dataset<Row> labels = spark.range(0, rows, 1, partitions).select(floor(rand(29).multiply(CLASSES)).cast("int").as("label"));
    for (int c = 0; c < CLASSES; c++) {
      labels = labels.withColumn("e" + c, exps[c]);
    }
    labels.select(col("label"), array(probabilities).as("probabilities")).write().mode("overwrite").parquet(path);
  }
}
