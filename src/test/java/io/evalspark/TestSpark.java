package io.evalspark;

import io.evalspark.cli.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session for the whole test run (UI off, few shuffle partitions), with the
 * evaluation SQL functions installed the way users install them: as a session extension, beside
 * Delta Lake's, which the history needs.
 */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("evalspark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.extensions", "io.evalspark.sql.EvalsparkExtensions," + SparkSessions.DELTA_EXTENSION)
          .config(SparkSessions.CATALOG, SparkSessions.DELTA_CATALOG)
          .config(SparkSessions.SNAPSHOT_PARTITIONS, "2")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      spark.sparkContext().setLogLevel("ERROR");
    }
    return spark;
  }
}
