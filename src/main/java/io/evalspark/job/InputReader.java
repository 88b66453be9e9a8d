package io.evalspark.job;
import io.evalspark.core.BadDataException;
import io.evalspark.core.EvalsparkException;
import io.evalspark.core.UsageException;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a prediction table from a path (Parquet, CSV with a header, JSON lines, ORC) or the catalog. */
public final class InputReader {
  private InputReader() {}

  /** The rows at {@code path} in {@code format}, or of {@code table}; exactly one must be given. */
  public static Dataset<Row> read(SparkSession spark, String path, String format, String table) {
    if ((path == null) == (table == null)) {
      throw new UsageException("give exactly one of --input PATH and --table NAME");
    }
    try {
      if (table != null) {
        return spark.table(table);
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

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
