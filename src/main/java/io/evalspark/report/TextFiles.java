package io.evalspark.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.core.Messages;
import io.evalspark.core.OutputException;
import io.evalspark.core.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Text files at any location Hadoop knows: a plain local path ({@code target/demo/metrics.json}),
 * or a URI of any file system Spark has ({@code file:///}, {@code hdfs://}, {@code s3a://},
 * {@code abfss://}, {@code gs://}). Files are written whole or not at all.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The location as a Hadoop path: a URI as it is; a plain path on the local file system, whatever
   * the cluster's default file system, as it always was.
   */
  public static Path location(String location) {
    Path p = new Path(location);
    return p.toUri().getScheme() != null ? p : new Path(new File(location).getAbsoluteFile().toURI());
  }

  /**
   * {@code p} qualified by its file system, as one text whatever way it was written ({@code
   * file:/a/b}, {@code file:///a/b} and {@code file:/a/b/} are one folder), to tell whether two
   * places are the same.
   */
  public static String key(Path p) {
    return keyOfQualified(qualified(p));
  }

  /**
   * Whether {@code path} is the place whose {@link #key} is {@code folderKey}, or in it: the path is
   * qualified once, and its parents walked.
   */
  public static boolean isWithin(Path path, String folderKey) {
    for (Path p = qualified(path); p != null; p = p.getParent()) {
      if (keyOfQualified(p).equals(folderKey)) {
        return true;
      }
    }
    return false;
  }

  private static Path qualified(Path p) {
    try {
      return fileSystem(p).makeQualified(p);
    } catch (IOException e) {
      throw new OutputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** The {@link #key} of a path already qualified: its scheme, authority and path, without a trailing '/'. */
  private static String keyOfQualified(Path q) {
    URI u = q.toUri();
    String path = u.getPath().length() > 1 && u.getPath().endsWith("/")
        ? u.getPath().substring(0, u.getPath().length() - 1) : u.getPath();
    return u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority()) + path;
  }

  /** {@code location}/{@code name}. */
  public static String child(String location, String name) {
    return new Path(location(location), name).toString();
  }

  /**
   * Writes {@code text} to {@code file}: first to a temporary file beside it, which is then renamed
   * to the target, so a reader never sees half a file and a failure leaves the old one. Returns the
   * file's location as written.
   */
  public static String writeAtomically(String file, String text) {
    try (StagedFiles files = new StagedFiles()) {
      files.add(file, text);
      return files.commit().get(0);
    }
  }

  /** The text of the file at {@code file}. */
  public static String read(String file) throws IOException {
    Path source = location(file);
    try (InputStream in = fileSystem(source).open(source)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * The JSON of the file at {@code file}. Text that is not JSON fails with the parser's reason and
   * where, in one line, without the parser's excerpt of the file.
   */
  public static JsonNode readJson(String file) throws IOException {
    String text = read(file);
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      String why = Messages.firstLine(e.getOriginalMessage());
      int excerpt = why.indexOf(" (start marker at [Source:");
      JsonLocation at = e.getLocation();
      throw new IOException("not JSON: " + (excerpt < 0 ? why : why.substring(0, excerpt))
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
    }
  }

  /**
   * Fails before any work where a folder cannot be made at {@code location} (given as {@code option})
   * because it, or a folder above it, is a file; the work's results would otherwise be lost at the end.
   */
  public static void requireFolderPossible(String location, String option) {
    Path p = location(location);
    Path file = fileOnTheWay(p);
    if (file != null) {
      throw new UsageException(option + " " + location + (file.equals(p)
          ? " is a file, not a folder; name a folder (it is created when missing)"
          : " cannot be made: " + file + " is a file, not a folder"));
    }
  }

  /** As {@link #requireFolderPossible}, for a file: where it is a folder, or a folder above it is a file. */
  public static void requireFilePossible(String location, String option) {
    Path p = location(location);
    if (isFolder(location)) {
      throw new UsageException(option + " " + location + " is a folder; name a file");
    }
    Path file = p.getParent() == null ? null : fileOnTheWay(p.getParent());
    if (file != null) {
      throw new UsageException(option + " " + location + " cannot be written: " + file + " is a file, not a folder");
    }
  }

  /** The first of {@code p} and the folders above it that exists, where it is a file; null otherwise. */
  private static Path fileOnTheWay(Path p) {
    try {
      FileSystem fs = fileSystem(p);
      for (Path at = p; at != null; at = at.getParent()) {
        if (fs.exists(at)) {
          return fs.getFileStatus(at).isDirectory() ? null : at;
        }
      }
      return null;
    } catch (IOException e) {
      throw new OutputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code location} is a file (not a folder). */
  public static boolean isFile(String location) {
    FileStatus status = status(location);
    return status != null && !status.isDirectory();
  }

  /** Whether {@code location} is a folder. */
  public static boolean isFolder(String location) {
    FileStatus status = status(location);
    return status != null && status.isDirectory();
  }

  /** The names of what the folder {@code location} holds; none where nothing is there. */
  public static List<String> names(String location) {
    Path p = location(location);
    try {
      FileSystem fs = fileSystem(p);
      List<String> names = new ArrayList<>();
      if (fs.exists(p) && fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          names.add(s.getPath().getName());
        }
      }
      return names;
    } catch (IOException e) {
      throw new OutputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the file {@code file}, if it is there, then its folder when that is left empty. Returns
   * whether the file was there.
   */
  public static boolean deleteWithEmptyFolder(String file) {
    Path p = location(file);
    try {
      FileSystem fs = fileSystem(p);
      if (!fs.exists(p) || fs.getFileStatus(p).isDirectory()) {
        return false;
      }
      if (!fs.delete(p, false)) {
        throw new IOException("the file system did not delete it");
      }
      Path folder = p.getParent();
      if (fs.listStatus(folder).length == 0) {
        fs.delete(folder, false);
      }
      return true;
    } catch (IOException e) {
      throw new OutputException("cannot delete " + p + ": " + e.getMessage()
          + "; check that its folder can be written to", e);
    }
  }

  /** What is at {@code location}, or null for nothing. */
  private static FileStatus status(String location) {
    Path p = location(location);
    try {
      FileSystem fs = fileSystem(p);
      return fs.exists(p) ? fs.getFileStatus(p) : null;
    } catch (IOException e) {
      throw new OutputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system of {@code p}, configured as the running Spark session's (credentials of s3a
   * and the like); local files without Hadoop's .crc companions.
   */
  static FileSystem fileSystem(Path p) throws IOException {
    scala.Option<SparkSession> spark = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession()
        : SparkSession.getDefaultSession();
    Configuration conf = spark.isDefined() ? new Configuration(spark.get().sparkContext().hadoopConfiguration())
        : new Configuration();
    FileSystem fs = p.getFileSystem(conf);
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }
}
