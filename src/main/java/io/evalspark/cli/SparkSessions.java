package io.evalspark.cli;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark settings evalspark's sessions need: Delta Lake, in which the history is kept. */
public final class SparkSessions {
  /** Delta's session extension (its SQL and table commands). */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  /** The setting of the session catalog. */
  public static final String CATALOG = "spark.sql.catalog.spark_catalog";
  /** Delta's catalog, which also serves every table that is not Delta. */
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  private static final String EXTENSIONS = "spark.sql.extensions";
  /**
   * Delta replays a table's log in this many tasks (50 by default); a history's log is small, and
   * one task a core would do, so evalspark's sessions use 2 unless told otherwise.
   */
  public static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  /**
   * Settings that list files ({@code spark.jars}: evalspark's own jar among them, which spark-submit
   * put there): a {@code --conf} adds to them instead of replacing them.
   */
  static final Set<String> LISTS = Set.of("spark.jars", "spark.files");

  private SparkSessions() {}

  /** {@code key}'s entries in {@code defaults} and then those of {@code value}, each once. */
  static String join(SparkConf defaults, String key, String value) {
    Set<String> entries = new LinkedHashSet<>();
    for (String list : new String[] {defaults.get(key, ""), value}) {
      for (String entry : list.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.trim());
        }
      }
    }
    return String.join(",", entries);
  }

  /**
   * Adds Delta's extension to the extensions the cluster or {@code --conf} already names, and its
   * catalog unless another session catalog is set.
   */
  static void withDelta(SparkConf defaults, Map<String, String> conf, SparkSession.Builder builder) {
    if (SparkSession.getDefaultSession().isDefined()) {
      return; // a running session's static settings cannot change
    }
    String extensions = conf.getOrDefault(EXTENSIONS, defaults.get(EXTENSIONS, ""));
    if (!extensions.contains(DELTA_EXTENSION)) {
      conf.put(EXTENSIONS, extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION);
    }
    if (!conf.containsKey(CATALOG) && !defaults.contains(CATALOG)) {
      builder.config(CATALOG, DELTA_CATALOG);
    }
    if (!conf.containsKey(SNAPSHOT_PARTITIONS) && !defaults.contains(SNAPSHOT_PARTITIONS)) {
      builder.config(SNAPSHOT_PARTITIONS, "2");
    }
  }
}
