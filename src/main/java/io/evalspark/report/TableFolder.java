package io.evalspark.report;

import io.evalspark.core.OutputException;
import io.evalspark.core.UsageException;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A table written by Spark into a folder (a path as Spark resolves it: a URI, or a plain path on
 * the session's default file system), whole or not at all: into a hidden folder beside it first,
 * which is then renamed into place. A folder already there stays unless it is to be replaced, and
 * is replaced only once the new table is complete; a folder that holds a file the run reads is never
 * replaced.
 */
public final class TableFolder {
  private final SparkSession spark;
  private final String option;
  private final String location;

  /** The folder at {@code location}, which the command-line option {@code option} names (for errors). */
  public TableFolder(SparkSession spark, String option, String location) {
    this.spark = spark;
    this.option = option;
    this.location = location;
  }

  /**
   * Writes the table {@code writer} holds, replacing what is at the folder's place only where
   * {@code replace} says so. {@code read} are the files the run reads and what they belong to
   * ({@code "the model"}, {@code "the input"}), as pairs: a folder that holds any of them is refused.
   *
   * @throws UsageException where something is at the place and {@code replace} is false, or the place
   *     holds a file read
   * @throws OutputException where the table cannot be written or put in place; what was there stays
   */
  public String write(DataFrameWriter<Row> writer, boolean replace, List<Read> read) {
    Path target;
    FileSystem fs;
    try {
      Path given = new Path(location);
      fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
      target = fs.makeQualified(given);
      String targetKey = TextFiles.key(target);
      for (Read r : read) {
        if (TextFiles.isWithin(r.file(), targetKey)) {
          throw new UsageException(option + " " + location + " holds " + r.what() + " (" + r.file()
              + "), which writing there would delete; give another path");
        }
      }
      if (fs.exists(target) && !replace) {
        throw new UsageException(option + " " + location + " already exists; give --overwrite to replace it, or"
            + " another path");
      }
    } catch (IOException e) {
      throw new OutputException("cannot write " + location + ": " + e.getMessage(), e);
    }
    Path parent = target.getParent();
    String id = UUID.randomUUID().toString();
    Path aside = new Path(parent, "." + target.getName() + ".writing-" + id);
    try {
      writer.mode(SaveMode.ErrorIfExists).save(aside.toString());
      putInPlace(fs, aside, target, new Path(parent, "." + target.getName() + ".replaced-" + id));
    } catch (IOException e) {
      throw new OutputException("cannot write " + target + ": " + e.getMessage()
          + "; check that its folder can be written to and has space", e);
    } finally {
      deleteQuietly(fs, aside);
    }
    return target.toString();
  }

  /** A file the run reads, and what it is (for errors). */
  public record Read(String what, Path file) {}

  /**
   * Renames the complete table {@code aside} to {@code target}; what was at {@code target} is first
   * renamed to {@code replaced}, put back should the second rename fail, and deleted after.
   */
  private static void putInPlace(FileSystem fs, Path aside, Path target, Path replaced) throws IOException {
    boolean existed = fs.exists(target);
    if (existed && !fs.rename(target, replaced)) {
      throw new IOException("cannot move the old " + target + " aside to " + replaced);
    }
    if (!fs.rename(aside, target)) {
      if (existed) {
        fs.rename(replaced, target);
      }
      throw new IOException("cannot rename " + aside + " to " + target);
    }
    if (existed) {
      fs.delete(replaced, true);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path p) {
    try {
      fs.delete(p, true);
    } catch (IOException e) {
      // the hidden folder is left for the user to delete; the error that brought us here matters more
    }
  }
}
