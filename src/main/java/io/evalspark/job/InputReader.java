package io.evalspark.job;

import io.evalspark.core.BadDataException;
import io.evalspark.core.EvalsparkException;
import io.evalspark.core.UsageException;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a prediction table from a path (Parquet, CSV with a header, JSON lines, ORC) or the catalog. */
public final class InputReader {
  /** Spark's file sources, which {@code format.`path`} would read as a table. */
  private static final Set<String> FILE_FORMATS = Set.of("csv", "json", "parquet", "orc", "text", "avro", "delta",
      "binaryfile", "iceberg", "xml");

  private InputReader() {}

  /** The rows at {@code path} in {@code format}, or of {@code table}; exactly one must be given. */
  public static Dataset<Row> read(SparkSession spark, String path, String format, String table) {
    if ((path == null) == (table == null)) {
      throw new UsageException("give exactly one of --input PATH and --table NAME");
    }
    try {
      if (table != null) {
        return spark.table(catalogName(spark, table));
      }
      String f = format == null ? "parquet" : format.toLowerCase(Locale.ROOT);
      switch (f) {
        case "parquet":
        case "orc":
        case "json":
          return spark.read().format(f).load(path);
        case "csv":
          return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        default:
          throw new UsageException("--format must be one of parquet, csv, json, orc; got '" + format + "'");
      }
    } catch (EvalsparkException e) {
      throw e;
    } catch (Exception e) {
      String what = table != null ? "table '" + table + "'" : "input '" + path + "'";
      throw new BadDataException("cannot read " + what + ": " + firstLine(e.getMessage()));
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
      throw new UsageException("--table '" + table + "' is not a table name (db.table): " + firstLine(e.getMessage()));
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

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
