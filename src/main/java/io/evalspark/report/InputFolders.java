package io.evalspark.report;

import io.evalspark.core.OutputException;
import io.evalspark.core.UsageException;
import io.evalspark.job.InputReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The folders an input's rows are read from: the folder given as the input, or a table's location
 * in the catalog, and every folder in it; for a pattern of paths, the folder of each file read. A
 * file written into one of them (a report's {@code metrics.json}) would be read as rows of that
 * input the next time, or break its reading, so outputs are kept out of them. An input that is one
 * file reads no folder.
 */
public final class InputFolders {
  private final String described;
  /** The folder given as the input or the table's location, or null. */
  private String root;
  /** The folders of the files read, for a pattern. */
  private final Set<String> fileFolders = new HashSet<>();

  /**
   * The folders of {@code rows}, read from {@code path}, or else from {@code table} of the catalog,
   * which {@code option} gave ({@code --input}, {@code --validation}) and errors name.
   */
  public InputFolders(SparkSession spark, Dataset<Row> rows, String option, String path, String table) {
    this.described = path != null ? option + " " + path : "--table " + table;
    try {
      if (path == null) {
        String location = InputReader.tableDetail(spark, table, "Location");
        root = location == null ? null : TextFiles.key(new Path(location));
      } else if (!InputReader.isPattern(path)) {
        Path given = new Path(path); // as Spark reads it: a plain path is on the default file system
        boolean folder = given.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(given)
            .isDirectory();
        root = folder ? TextFiles.key(given) : null;
      } else {
        for (String file : rows.inputFiles()) { // the pattern's matches, which reading it listed
          fileFolders.add(TextFiles.key(new Path(file).getParent()));
        }
      }
    } catch (IOException e) {
      throw new OutputException("cannot list the files of " + described + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails, before anything is written, where {@code folder} (an output folder as {@link
   * TextFiles#location} reads it, which {@code option} named) is one the input is read from.
   */
  public void requireOutside(String folder, String option) {
    Path out = TextFiles.location(folder);
    if (fileFolders.contains(TextFiles.key(out)) || (root != null && TextFiles.isWithin(out, root))) {
      throw new UsageException(option + " " + folder + " would put files among those of the input (" + described
          + "), which would read them as rows next time; give a folder outside the input");
    }
  }
}
