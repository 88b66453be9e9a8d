package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.evalspark.TestSpark;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.sql.ColumnarPass;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Delta input is read as the version it had when it was opened: every pass of a run (refinement
 * passes, a count of array lengths before the evaluation, training's epochs) reads the same rows
 * while a writer appends to the table.
 */
class DeltaSnapshotTest {
  @TempDir Path dir;

  @Test
  void aDeltaFolderReadsTheVersionItHadWhenOpenedWhileRowsAreAppended() {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("predictions").toString();
    spark.range(100).selectExpr("id % 2 AS label", "id / 100.0 AS score").write().format("delta").save(path);
    Dataset<Row> rows = InputReader.read(spark, path, "delta", null, null);
    assertEquals(100, rows.count());
    spark.range(50).selectExpr("id % 2 AS label", "id / 50.0 AS score").write().format("delta").mode("append")
        .save(path);
    assertEquals(100, rows.count(), "a second pass reads the rows of the first");
    assertEquals(150, InputReader.read(spark, path, "delta", null, null).count(), "a new read sees the append");
    assertNotNull(ColumnarPass.binaryState(rows.select("label", "score"), BinarySettings.defaults()),
        "the version read is still read as column batches");
  }

  @Test
  void aDeltaTableOfTheCatalogReadsTheVersionItHadWhenOpened() {
    SparkSession spark = TestSpark.session();
    spark.range(100).selectExpr("id % 2 AS label").write().format("delta").saveAsTable("snapshot_predictions");
    try {
      Dataset<Row> rows = InputReader.read(spark, null, null, null, "snapshot_predictions");
      assertEquals(100, rows.count());
      spark.range(50).selectExpr("id % 2 AS label").write().format("delta").mode("append")
          .saveAsTable("snapshot_predictions");
      assertEquals(100, rows.count(), "a second pass reads the rows of the first");
      assertEquals(150, InputReader.read(spark, null, null, null, "snapshot_predictions").count());
      spark.range(10).selectExpr("id % 2 AS label").write().saveAsTable("snapshot_parquet");
      assertEquals(10, InputReader.read(spark, null, null, null, "snapshot_parquet").count(), "other tables read as they are");
    } finally {
      spark.sql("DROP TABLE IF EXISTS snapshot_predictions");
      spark.sql("DROP TABLE IF EXISTS snapshot_parquet");
    }
  }
}
