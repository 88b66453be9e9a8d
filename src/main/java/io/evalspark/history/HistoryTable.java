package io.evalspark.history;

import io.evalspark.core.OutputException;
import io.evalspark.core.UsageException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The metric history: Parquet partitioned by {@code run_date} at a path (states beside it, at
 * {@code PATH_states}), or a metastore table (states in the table {@code NAME_states}). A run replaces its date's partition whole; until the new partition is in
 * place the old one is untouched, so a run that fails leaves the history as it was. At a path the
 * metric and state partitions are swapped together (the first is put back if the second fails); in
 * tables Spark's dynamic partition overwrite replaces each table's partition once its files are written.
 */
public final class HistoryTable {
  private final SparkSession spark;
  private final String location;
  private final boolean table;

  /** The history at {@code location}: a table name when {@code table}, otherwise a path. */
  public HistoryTable(SparkSession spark, String location, boolean table) {
    this.spark = spark;
    this.location = location;
    this.table = table;
  }

  /** Every metric row recorded so far (none when the history does not exist yet). */
  public Dataset<Row> metrics() {
    return read(location, HistoryRecord.METRICS);
  }

  /** Every stored state. */
  public Dataset<Row> states() {
    return read(statesLocation(), HistoryRecord.STATES);
  }

  /** Rows of one evaluation and model, from {@code from} (inclusive) to {@code to} (exclusive). */
  public static Dataset<Row> between(Dataset<Row> rows, String evaluation, String model, LocalDate from,
      LocalDate to) {
    Column date = functions.col("run_date");
    return rows.where(functions.col("evaluation").equalTo(evaluation)
        .and(functions.col("model").equalTo(model))
        .and(date.geq(functions.lit(java.sql.Date.valueOf(from))))
        .and(date.lt(functions.lit(java.sql.Date.valueOf(to)))));
  }

  /**
   * Replaces {@code date}'s rows with {@code metrics} and {@code states} (null: keep no states for
   * that date). Both are written aside first; only then are the old partitions swapped out.
   */
  public void replace(LocalDate date, List<Row> metrics, List<Row> states) {
    if (table) {
      // The states first: should the metrics then fail, the date's metric rows are still the old ones.
      if (states != null) {
        replaceInTable(statesLocation(), HistoryRecord.STATES, states);
      }
      replaceInTable(location, HistoryRecord.METRICS, metrics);
      return;
    }
    try {
      Path root = new Path(location);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path staging = new Path(root, ".staging-" + UUID.randomUUID());
      try {
        Path newMetrics = stage(new Path(staging, "metrics"), HistoryRecord.METRICS, metrics);
        Path newStates = states == null ? null : stage(new Path(staging, "states"), HistoryRecord.STATES, states);
        String partition = "run_date=" + date;
        Swap first = new Swap(fs, newMetrics, new Path(root, partition), new Path(staging, "old-metrics"));
        first.apply();
        try {
          new Swap(fs, newStates, new Path(statesLocation(), partition), new Path(staging, "old-states"))
              .apply();
        } catch (IOException | RuntimeException e) {
          first.undo();
          throw e;
        }
      } finally {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new OutputException("cannot write the history at " + location + ": " + e.getMessage()
          + "; check the --history path, its permissions and free space", e);
    }
  }

  /** Where the states are kept: beside the history, with "_states" appended to its name. */
  private String statesLocation() {
    return (location.endsWith("/") ? location.substring(0, location.length() - 1) : location) + "_states";
  }

  private Dataset<Row> read(String where, StructType schema) {
    try {
      if (table) {
        return spark.catalog().tableExists(where) ? spark.table(where) : spark.createDataFrame(List.of(), schema);
      }
      Path root = new Path(where);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root) || fs.globStatus(new Path(root, "run_date=*")).length == 0) {
        return spark.createDataFrame(List.of(), schema);
      }
      return spark.read().schema(schema).option("basePath", root.toString()).parquet(root.toString());
    } catch (IOException e) {
      throw new OutputException("cannot read the history at " + location + ": " + e.getMessage()
          + "; check the --history path and its permissions", e);
    }
  }

  /** The rows without their date, as one Parquet file at {@code dir}. */
  private Path stage(Path dir, StructType schema, List<Row> rows) {
    Dataset<Row> df = spark.createDataFrame(rows, schema).drop("run_date");
    df.coalesce(1).write().parquet(dir.toString());
    return dir;
  }

  /**
   * Puts {@code staged} (null: nothing) at {@code target}, moving what was there to {@code aside};
   * {@link #undo} puts it back.
   */
  private static final class Swap {
    private final FileSystem fs;
    private final Path staged;
    private final Path target;
    private final Path aside;
    private boolean movedOld;
    private boolean placedNew;

    Swap(FileSystem fs, Path staged, Path target, Path aside) {
      this.fs = fs;
      this.staged = staged;
      this.target = target;
      this.aside = aside;
    }

    void apply() throws IOException {
      try {
        if (fs.exists(target)) {
          if (!fs.rename(target, aside)) {
            throw new IOException("cannot move " + target + " aside");
          }
          movedOld = true;
        }
        if (staged != null) {
          if (!fs.mkdirs(target.getParent()) || !fs.rename(staged, target)) {
            throw new IOException("cannot move the new partition into " + target);
          }
          placedNew = true;
        }
      } catch (IOException | RuntimeException e) {
        undo();
        throw e;
      }
    }

    void undo() throws IOException {
      if (placedNew) {
        fs.delete(target, true);
        placedNew = false;
      }
      if (movedOld) {
        fs.rename(aside, target);
        movedOld = false;
      }
    }
  }

  private void replaceInTable(String name, StructType schema, List<Row> rows) {
    Dataset<Row> df = spark.createDataFrame(rows, schema);
    if (!spark.catalog().tableExists(name)) {
      if (name.isBlank()) {
        throw new UsageException("--history needs a path or a table name");
      }
      df.coalesce(1).write().format("parquet").partitionBy("run_date").saveAsTable(name);
    } else {
      // Dynamic overwrite replaces only the partitions written, after the new files are complete.
      String key = "spark.sql.sources.partitionOverwriteMode";
      String before = spark.conf().get(key, "static");
      spark.conf().set(key, "dynamic");
      try {
        df.coalesce(1).write().mode(SaveMode.Overwrite).insertInto(name);
      } finally {
        spark.conf().set(key, before);
      }
    }
  }
}
