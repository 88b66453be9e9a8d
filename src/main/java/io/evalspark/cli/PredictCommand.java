package io.evalspark.cli;

import io.evalspark.core.UsageException;
import io.evalspark.job.InputReader;
import io.evalspark.report.TableFolder;
import io.evalspark.report.TextFiles;
import io.evalspark.train.Predictor;
import io.evalspark.train.TrainedModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: apply a trained model to a table and write the rows with their predictions. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Add a trained model's predictions (score/probabilities/prediction) to a table and write it.")
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions sparkOptions;

  @Option(names = "--model", required = true, description = "The directory train wrote (or its model.json): a path or a"
      + " file system URI.") String model;
  @Option(names = "--input", description = "Path of the rows to predict.") String input;
  @Option(names = "--format", description = "Input format: " + InputReader.FORMATS + ".") String format;
  @Option(names = "--separator", description = InputReader.SEPARATOR + " A CSV output is written with it too.")
  String separator;
  @Option(names = "--table", description = "A table in Spark's catalog instead of --input.") String table;
  @Option(names = "--output", required = true, description = "Where to write the rows with predictions.") String output;
  @Option(names = "--output-format", defaultValue = "parquet", description = "parquet (default), json, orc or csv.")
  String outputFormat;
  @Option(names = "--overwrite", description = "Replace --output if it exists (once the new rows are all written).")
  boolean overwrite;
  @Option(names = "--replace-columns", description = "Write the predictions in place of input columns of the same"
      + " names (score, prediction, ...), which are refused otherwise.")
  boolean replaceColumns;

  @Override
  public Integer call() {
    String f = outputFormat.toLowerCase(Locale.ROOT);
    if (!f.matches("parquet|json|orc|csv")) {
      throw new UsageException("--output-format must be one of parquet, json, orc, csv; got '" + outputFormat + "'");
    }
    TrainedModel trained = TrainedModel.read(model);
    SparkSession spark = sparkOptions.session(spec);
    Dataset<Row> rows = InputReader.read(spark, input, format, separator, table);
    Predictor.Counts counts = Predictor.Counts.of(spark);
    Dataset<Row> predicted = Predictor.predict(trained, rows, replaceColumns, counts);
    if (f.equals("csv")) {
      requireFlatColumns(predicted);
    }
    List<TableFolder.Read> read = new ArrayList<>();
    read.add(new TableFolder.Read("the model", TextFiles.location(TrainedModel.file(model))));
    for (String file : rows.inputFiles()) {
      read.add(new TableFolder.Read("the input", new Path(file)));
    }
    String written = new TableFolder(spark, "--output", output)
        .write(predicted.write().format(f).option("header", "true").option("sep", separator == null ? "," : separator),
            overwrite, read);
    PrintWriter out = sparkOptions.out(spec);
    out.println("wrote " + written + unpredicted(counts));
    out.flush();
    return 0;
  }

  /**
   * Refuses a CSV output of a column CSV cannot hold (an array, map, struct or vector: an input's,
   * or a multiclass model's probabilities) before anything is written.
   */
  private static void requireFlatColumns(Dataset<Row> predicted) {
    for (StructField field : predicted.schema().fields()) {
      DataType type = field.dataType();
      if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType
          || type instanceof UserDefinedType<?>) {
        throw new UsageException("--output-format csv cannot hold the column '" + field.name() + "' of type "
            + type.simpleString() + "; write parquet, orc or json instead");
      }
    }
  }

  /** What the write counted: its rows, and those without a prediction (empty when every row has one). */
  private static String unpredicted(Predictor.Counts counts) {
    long rows = counts.rows().value();
    long unpredicted = counts.unpredicted().value();
    return unpredicted == 0 ? "" : " (" + unpredicted + " of " + rows + " rows without a prediction: their features"
        + " are null, NaN or infinite, or a vector of another length than the model's)";
  }
}
