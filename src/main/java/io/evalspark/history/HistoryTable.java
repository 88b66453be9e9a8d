package io.evalspark.history;

import io.delta.tables.DeltaTable;
import io.evalspark.core.Messages;
import io.evalspark.core.OutputException;
import io.evalspark.core.UsageException;
import io.evalspark.job.InputReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The metric history: a Delta table partitioned by {@code run_date} at a path (states beside it, at
 * {@code PATH_states}) or in the metastore (states in {@code NAME_states}). Every row carries the
 * {@code run_id} of the run that wrote it.
 *
 * <p>A run replaces its evaluations' rows of its date in three commits, each whole or not at all:
 * it appends its states, then replaces those metric rows in one overwrite ({@code replaceWhere}),
 * then deletes those evaluations' states of the date from other runs. Readers take a date's states
 * of an evaluation only from the run whose metrics the date holds for it, so a run killed between
 * any two commits leaves every date wholly the old run's or wholly the new one's. Two runs of one
 * date at once both try to replace the same rows; Delta lets one commit and fails the other, which
 * ends with an {@link OutputException}.
 *
 * <p>A Parquet history written by earlier versions (partition folders without a Delta log) is
 * converted in place on first use: every file is kept, and its rows read with a null run id.
 */
public final class HistoryTable {
  /** Called after each step of a write, by its name: for tests that stop a write between steps. */
  static volatile Consumer<String> afterStep = step -> { };
  /** Called for each metric row as the date's overwrite writes it (tests hold a writer there); null: none. */
  static volatile RowHook whileWriting;

  /** A test's hook into the rows being written. */
  interface RowHook extends java.io.Serializable {
    void accept(Row row) throws InterruptedException;
  }

  private final SparkSession spark;
  private final String location;
  private final boolean table;

  /** The history at {@code location}: a table name when {@code table}, otherwise a path. */
  public HistoryTable(SparkSession spark, String location, boolean table) {
    this.spark = spark;
    this.location = location;
    this.table = table;
    if (table && location.isBlank()) {
      throw new UsageException("--history needs a path or a table name");
    }
  }

  /**
   * The folders the history's tables are kept in: its own and its states' (for metastore tables,
   * their locations in the catalog, where they exist), which reports must stay out of.
   */
  public List<Path> folders() {
    List<Path> out = new ArrayList<>();
    for (String where : List.of(location, statesLocation())) {
      String folder = !table ? where
          : spark.catalog().tableExists(where) ? InputReader.tableDetail(spark, where, "Location") : null;
      if (folder != null) {
        out.add(new Path(folder));
      }
    }
    return out;
  }

  /** Every metric row recorded so far (none when the history does not exist yet). */
  public Dataset<Row> metrics() {
    return read(location, HistoryRecord.METRICS);
  }

  /** Every stored state of the run that each date's metrics of its evaluation come from. */
  public Dataset<Row> states() {
    Dataset<Row> runs = metrics().select("run_date", "evaluation", "run_id").distinct();
    Dataset<Row> states = read(statesLocation(), HistoryRecord.STATES);
    Column sameRun = states.col("run_date").equalTo(runs.col("run_date"))
        .and(states.col("evaluation").equalTo(runs.col("evaluation")))
        .and(states.col("run_id").eqNullSafe(runs.col("run_id")));
    return states.join(runs, sameRun, "left_semi");
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
   * Replaces {@code date}'s rows of {@code evaluations} with {@code metrics} and {@code states}
   * (null: keep no states for that date), all of them of run {@code runId}. The date's rows of other
   * evaluations (another job file's, or the blocks that {@code --evaluation} left out) stay.
   */
  public void replace(LocalDate date, String runId, Collection<String> evaluations, List<Row> metrics,
      List<Row> states) {
    if (evaluations.isEmpty()) {
      throw new IllegalArgumentException("a run replaces the rows of its evaluations, and names none");
    }
    String scope = "run_date = DATE'" + date + "' AND evaluation IN (" + evaluations.stream()
        .map(e -> "'" + e.replace("\\", "\\\\").replace("'", "\\'") + "'").collect(Collectors.joining(", ")) + ")";
    try {
      if (states != null && !states.isEmpty()) {
        append(statesLocation(), HistoryRecord.STATES, states);
      }
      afterStep.accept("states appended");
      overwrite(location, HistoryRecord.METRICS, metrics, scope);
      afterStep.accept("metrics replaced");
      if (exists(statesLocation())) {
        delta(statesLocation()).delete(scope + " AND NOT (run_id <=> '" + runId.replace("'", "") + "')");
      }
      afterStep.accept("other runs' states deleted");
    } catch (Exception e) { // Delta also throws IOExceptions that Java does not see declared
      if (isConcurrentWrite(e)) {
        throw new OutputException("another run wrote the history's date " + date + " at " + location
            + " at the same time, and its write landed first; this run's metrics were not recorded (its"
            + " metrics.json and report.html were written). Run it again once the other has finished", e);
      }
      if (e instanceof UsageException || e instanceof OutputException) {
        throw (RuntimeException) e;
      }
      throw new OutputException("cannot write the history at " + location + ": " + Messages.firstLine(e.getMessage())
          + "; check the --history path, its permissions and free space", e);
    }
  }

  private static boolean isConcurrentWrite(Throwable e) {
    return Messages.causes(e).stream().map(t -> t.getClass().getName())
        .anyMatch(n -> n.startsWith("io.delta.exceptions.Concurrent") || n.contains("ConcurrentModificationException"));
  }

  /** Where the states are kept: beside the history, with "_states" appended to its name. */
  private String statesLocation() {
    return (location.endsWith("/") ? location.substring(0, location.length() - 1) : location) + "_states";
  }

  private Dataset<Row> read(String where, StructType schema) {
    if (!exists(where)) {
      return spark.createDataFrame(List.of(), schema);
    }
    Dataset<Row> rows = table ? spark.table(where) : spark.read().format("delta").load(where);
    List<String> present = List.of(rows.columns());
    for (StructField f : schema.fields()) {
      // a history written before the column was recorded: run_id (converted from Parquet), stderr, lower, upper
      if (f.nullable() && !present.contains(f.name())) {
        rows = rows.withColumn(f.name(), functions.lit(null).cast(f.dataType()));
      }
    }
    return rows.select(java.util.Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new));
  }

  /**
   * Refuses a folder that holds files but no history: a Delta table made there would stand among
   * them without counting them (and Delta's clean-up deletes files its log does not count).
   */
  private void requireNoOtherFiles(FileSystem fs, Path root, String where) throws IOException {
    if (!fs.getFileStatus(root).isDirectory()) {
      return; // a file in the history's way fails its write, which says so
    }
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(root)) {
      if (!f.getPath().getName().startsWith(".")) {
        names.add(f.getPath().getName());
      }
    }
    if (!names.isEmpty()) {
      names.sort(null);
      throw notAHistory(where, "it holds files but no Delta log (" + Messages.firstFew(names) + ")");
    }
  }

  /**
   * Refuses a table that is not a history, of this version or an earlier one (whose metrics and
   * states both have the columns evaluation, model and slice): the history's rows would be added to
   * it, its schema merged with theirs, or a Parquet table converted to Delta.
   */
  private void requireHistoryColumns(String[] found, String where) {
    List<String> columns = List.of(found);
    if (!columns.containsAll(List.of("evaluation", "model", "slice"))) {
      throw notAHistory(where, "it is a table of the columns " + String.join(", ", columns)
          + ", not a history's (evaluation, model, slice, ...)");
    }
  }

  private UsageException notAHistory(String where, String why) {
    return new UsageException("--history " + location + " is not an evalspark history: at " + where + " " + why
        + "; give a new or empty folder, or the folder of an existing history");
  }

  /** Whether the Delta table exists, converting an earlier Parquet history there first. */
  private boolean exists(String where) {
    if (table) {
      if (!spark.catalog().tableExists(where)) {
        return false;
      }
      requireHistoryColumns(spark.table(where).columns(), where);
      if (!"delta".equalsIgnoreCase(InputReader.tableDetail(spark, where, "Provider"))) {
        DeltaTable.convertToDelta(spark, where, "run_date DATE");
      }
      return true;
    }
    try {
      Path root = new Path(where);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return false;
      }
      if (fs.exists(new Path(root, "_delta_log"))) {
        requireHistoryColumns(spark.read().format("delta").load(where).columns(), where);
        return true;
      }
      FileStatus[] partitions = fs.globStatus(new Path(root, "run_date=*"));
      if (partitions == null || partitions.length == 0) {
        requireNoOtherFiles(fs, root, where);
        return false;
      }
      requireHistoryColumns(spark.read().parquet(root.toString()).columns(), where);
      for (FileStatus staging : fs.globStatus(new Path(root, ".staging-*"))) {
        fs.delete(staging.getPath(), true); // left by killed runs of the Parquet history
      }
      DeltaTable.convertToDelta(spark, "parquet.`" + root + "`", "run_date DATE");
      return true;
    } catch (IOException e) {
      throw new OutputException("cannot read the history at " + location + ": " + e.getMessage()
          + "; check the --history path and its permissions", e);
    }
  }

  private DeltaTable delta(String where) {
    return table ? DeltaTable.forName(spark, where) : DeltaTable.forPath(spark, where);
  }

  private void append(String where, StructType schema, List<Row> rows) {
    Dataset<Row> df = spark.createDataFrame(rows, schema).coalesce(1);
    if (!exists(where)) {
      create(where, df);
      return;
    }
    save(df.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true"), where);
  }

  private void overwrite(String where, StructType schema, List<Row> rows, String scope) {
    Dataset<Row> df = spark.createDataFrame(rows, schema).coalesce(1);
    RowHook hook = whileWriting;
    if (hook != null) {
      df = df.map((MapFunction<Row, Row>) r -> {
        hook.accept(r);
        return r;
      }, Encoders.row(schema));
    }
    if (!exists(where)) {
      create(where, df);
      return;
    }
    save(df.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", scope)
        .option("mergeSchema", "true"), where);
  }

  private void create(String where, Dataset<Row> df) {
    if (table) {
      df.write().format("delta").partitionBy("run_date").saveAsTable(where);
    } else {
      // ErrorIfExists: of two first runs at once, the second finds the table made and fails
      df.write().format("delta").partitionBy("run_date").mode(SaveMode.ErrorIfExists).save(where);
    }
  }

  /** Writes to the table's files: a Delta table in the catalog is its log at its location. */
  private void save(DataFrameWriter<Row> writer, String where) {
    writer.save(table ? DeltaTable.forName(spark, where).detail().select("location").first().getString(0) : where);
  }
}
