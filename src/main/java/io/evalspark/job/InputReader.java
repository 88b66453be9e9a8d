package io.evalspark.job;

import io.delta.tables.DeltaTable;
import io.evalspark.core.BadDataException;
import io.evalspark.core.EvalsparkException;
import io.evalspark.core.Messages;
import io.evalspark.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads a prediction table from a path (Parquet, CSV with a header, JSON lines, ORC, Delta) or the catalog. */
public final class InputReader {
  /** The formats of {@code --format}, as its help says them. */
  public static final String FORMATS = "parquet (default), csv (with a header), json, orc or delta";

  /** What {@code --separator} is, as its help says it. */
  public static final String SEPARATOR = "With --format csv: what separates a line's values, as Spark's sep option"
      + " takes it: ';', '|', '\\t' for a tab (default ',').";

  /** The formats {@link #FORMATS} names, which {@code --format} takes. */
  private static final Set<String> READABLE = Set.of("parquet", "csv", "json", "orc", "delta");
  /** Spark's file sources, which {@code format.`path`} would read as a table. */
  private static final Set<String> FILE_FORMATS = Set.of("csv", "json", "parquet", "orc", "text", "avro", "delta",
      "binaryfile", "iceberg", "xml");

  private InputReader() {}

  /**
   * The rows at {@code path} in {@code format} (a CSV's values separated by {@code separator}, null
   * for commas), or of {@code table}; exactly one must be given.
   */
  public static Dataset<Row> read(SparkSession spark, String path, String format, String separator, String table) {
    if ((path == null) == (table == null)) {
      throw new UsageException("give exactly one of --input PATH and --table NAME");
    }
    requireSeparatorOfCsv(path, format, separator);
    try {
      if (table != null) {
        String name = catalogName(spark, table);
        Long version = latestVersion(() -> DeltaTable.forName(spark, name));
        return version == null ? spark.table(name) : spark.read().option("versionAsOf", version).table(name);
      }
      String f = format == null ? "parquet" : format.toLowerCase(Locale.ROOT);
      if (!READABLE.contains(f)) { // before the files are looked at, which would be said not to be of it
        throw new UsageException("--format must be one of " + FORMATS + "; got '" + format + "'");
      }
      requireFormat(spark, path, f, format == null ? "--format parquet (the default)" : "--format " + f);
      switch (f) {
        case "parquet":
          // Parquet writes a checksum per page; reading verifies it, so a damaged page fails instead of
          // reading as other numbers.
          return spark.read().option("parquet.page.verify-checksum.enabled", "true").parquet(path);
        case "json":
          return json(spark, path);
        case "delta": {
          Long version = latestVersion(() -> DeltaTable.forPath(spark, path));
          DataFrameReader reader = spark.read().format(f);
          return (version == null ? reader : reader.option("versionAsOf", version)).load(path);
        }
        case "orc":
          return spark.read().format(f).load(path);
        case "csv":
          return spark.read().option("header", "true").option("inferSchema", "true")
              .option("sep", separator == null ? "," : separator).csv(path);
        default:
          throw new IllegalStateException("no reader of " + f);
      }
    } catch (EvalsparkException e) {
      throw e;
    } catch (Exception e) {
      if (holdsNoFiles(e)) { // a folder of no data files (a day without rows may leave one): no rows, no columns
        return spark.emptyDataFrame();
      }
      String what = table != null ? "table '" + table + "'" : "input '" + path + "'";
      throw ReadFailure.of(e).orElseGet(() -> new BadDataException("cannot read " + what + ": " + Messages.firstLine(e.getMessage())));
    }
  }

  /** Refuses a separator of nothing, and one given for an input that is not a CSV file. */
  private static void requireSeparatorOfCsv(String path, String format, String separator) {
    if (separator == null) {
      return;
    }
    if (separator.isEmpty()) {
      throw new UsageException("--separator is empty; give what separates a CSV line's values, such as ';' or '\\t'");
    }
    if (path == null) {
      throw new UsageException("--separator is for --format csv; --table reads a table of the catalog, whose columns"
          + " are its own");
    }
    if (!"csv".equalsIgnoreCase(format)) {
      throw new UsageException("--separator is for --format csv; the input is read with --format "
          + (format == null ? "parquet (the default)" : format.toLowerCase(Locale.ROOT)));
    }
  }

  /** Whether Spark failed to read a folder because it holds no data files to take a schema from. */
  @SuppressWarnings("deprecation") // Spark 4 names the error class the condition, and keeps this name too
  private static boolean holdsNoFiles(Exception e) {
    return e instanceof SparkThrowable t && "UNABLE_TO_INFER_SCHEMA".equals(t.getErrorClass());
  }

  /**
   * The latest version of a Delta table, or null where {@code table} finds none (a table of the
   * catalog in another format). A Delta input is read at that version: otherwise each action on it
   * reads the table's newest version, and a writer's append between two passes of one run
   * (refinement passes, a count before the evaluation, training's epochs) would make them read
   * different rows.
   */
  private static Long latestVersion(Supplier<DeltaTable> table) {
    DeltaTable delta;
    try {
      delta = table.get();
    } catch (Exception e) { // Delta's AnalysisException: not a Delta table
      return null;
    }
    return delta.history(1).select("version").head().getLong(0);
  }

  /** The column in which Spark's JSON reader puts a line it cannot parse ({@code _corrupt_record} by default). */
  static String corruptRecordColumn(SparkSession spark) {
    return spark.conf().get("spark.sql.columnNameOfCorruptRecord");
  }

  /**
   * The JSON at {@code path}: one object a line (JSON lines, which Spark splits among tasks), or else
   * one document a file (an object, or an array of objects, over as many lines as it likes), which
   * Spark reads a file a task. Read as lines, a document over several lines is one line per record
   * Spark cannot parse, and nothing else.
   */
  private static Dataset<Row> json(SparkSession spark, String path) {
    String corrupt = corruptRecordColumn(spark);
    Dataset<Row> lines = spark.read().json(path);
    if (!Arrays.asList(lines.columns()).equals(List.of(corrupt))) {
      return lines;
    }
    Dataset<Row> documents = spark.read().option("multiLine", "true").json(path);
    if (Arrays.asList(documents.columns()).equals(List.of(corrupt))) {
      throw new BadDataException("--input " + path + " is not JSON: no line of it is a JSON object, and no file of it"
          + " is one JSON document (an object, or an array of objects)");
    }
    return documents;
  }

  /**
   * A detail of {@code table} of the catalog as {@code DESCRIBE TABLE EXTENDED} gives it ({@code
   * Provider}, {@code Location}), or null where it gives none.
   */
  public static String tableDetail(SparkSession spark, String table, String detail) {
    List<Row> rows = spark.sql("DESCRIBE TABLE EXTENDED " + table).where(functions.col("col_name").equalTo(detail))
        .collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(1).trim();
  }

  /** A character that makes a path a pattern of paths for Hadoop's file systems. */
  private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}\\\\]");

  /** Whether {@code path} is a pattern of paths ({@code runs/2026-12-*}) rather than one path. */
  public static boolean isPattern(String path) {
    return GLOB.matcher(path).find();
  }

  /** Whether the pattern {@code path} that names something as it is written matches that, as Spark reads it. */
  private static boolean matchesItself(FileSystem fs, Path path) throws IOException {
    FileStatus[] matches = fs.globStatus(path);
    Path itself = fs.makeQualified(path);
    return matches != null && Arrays.stream(matches).anyMatch(m -> m.getPath().equals(itself));
  }

  /**
   * The text format a file's first {@code n} bytes look like (json where the first character that is
   * not a space opens an object or an array, csv otherwise), or null where they are not text: a
   * damaged binary file, which its reader reports.
   */
  private static String textFormat(byte[] start, int n) {
    if (n == 0) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      int b = start[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        return null;
      }
    }
    String text = new String(start, 0, n, StandardCharsets.UTF_8).strip();
    return text.startsWith("{") || text.startsWith("[") ? "json" : "csv";
  }

  /**
   * Refuses a missing input, and a --format that the files' first bytes contradict: Parquet files
   * begin with PAR1 and ORC files with ORC, which CSV or JSON reading would turn into junk columns,
   * and text read as Parquet or ORC would fail on as a missing footer. {@code given} says the format
   * as the user gave it (or did not).
   */
  private static void requireFormat(SparkSession spark, String path, String format, String given) throws IOException {
    Path root = new Path(path);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(root)) {
      if (!isPattern(path)) {
        throw new BadDataException("--input " + path + " does not exist");
      }
      return; // a pattern: Spark lists what matches it, and says when nothing does
    }
    if (isPattern(path) && !matchesItself(fs, root)) {
      throw new BadDataException("--input " + path + " exists, but Spark reads an input path as a pattern, in which"
          + " [ ] { } * ? are special, and as a pattern it does not name it; write a \\ before each of them to"
          + " read it: " + path.replaceAll("([\\[\\]{}*?])", "\\\\$1"));
    }
    boolean isDelta = fs.exists(new Path(root, "_delta_log"));
    if (isDelta != format.equals("delta")) {
      if (isDelta) {
        throw new BadDataException(given + " does not match " + root + ": it is a Delta table, whose"
            + " folder also holds files it no longer counts; give --format delta");
      }
      if (format.equals("delta")) {
        throw new BadDataException("--format delta does not match " + root + ": it has no Delta log (_delta_log)");
      }
    }
    if (isDelta) {
      return;
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      String name = file.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      byte[] start = new byte[64];
      int n;
      try (FSDataInputStream in = fs.open(file)) {
        n = Math.max(0, in.readNBytes(start, 0, start.length));
      }
      String found = n >= 4 && new String(start, 0, 4, StandardCharsets.US_ASCII).equals("PAR1") ? "parquet"
          : n >= 3 && new String(start, 0, 3, StandardCharsets.US_ASCII).equals("ORC") ? "orc"
          : (format.equals("parquet") || format.equals("orc")) ? textFormat(start, n) : null;
      if (found != null && !found.equals(format)) {
        throw new BadDataException(given + " does not match " + file + ": it is a"
            + (found.equals("parquet") || found.equals("orc") ? " " + found + " file" : " text file, as " + found
                + " is") + "; give --format " + found);
      }
      return;
    }
  }

  /**
   * {@code table} if it names a table of the catalog ({@code name}, {@code db.name},
   * {@code catalog.db.name}); a path read as a table ({@code csv.`/etc/passwd`}) is a usage error.
   */
  private static String catalogName(SparkSession spark, String table) {
    scala.collection.Seq<String> parts;
    try {
      parts = spark.sessionState().sqlParser().parseMultipartIdentifier(table);
    } catch (Exception e) {
      throw new UsageException("--table '" + table + "' is not a table name (db.table): " + Messages.firstLine(e.getMessage()));
    }
    scala.collection.Iterator<String> it = parts.iterator();
    while (it.hasNext()) {
      String part = it.next();
      if (part.contains("/") || part.contains("\\") || part.contains(":")) {
        throw new UsageException("--table '" + table + "' names a path, not a table of the catalog; read files with"
            + " --input PATH --format FORMAT");
      }
    }
    if (parts.size() == 2 && FILE_FORMATS.contains(parts.head().toLowerCase(Locale.ROOT))
        && !spark.catalog().databaseExists(parts.head())) {
      throw new UsageException("--table '" + table + "' reads files as a table; read files with --input PATH"
          + " --format FORMAT");
    }
    return table;
  }
}
