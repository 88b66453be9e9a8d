package io.evalspark.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table folder is replaced only by a complete table; a write that fails leaves what was there, and its
 * own failure goes to the caller (which says what was wrong with the rows).
 */
class TableFolderTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteLeavesTheOldFolderAndNothingBesideIt() throws Exception {
    SparkSession spark = TestSpark.session();
    Path target = dir.resolve("table");
    new TableFolder(spark, "--output", target.toString()).write(spark.range(10).toDF().write().format("parquet"),
        false, List.of());
    assertEquals(10, spark.read().parquet(target.toString()).count());

    // the job fails on its last row, after the partitions before it were written
    Dataset<Row> failing = spark.range(0, 1000, 1, 4).toDF()
        .withColumn("v", when(col("id").equalTo(999), raise_error(functions.lit("row 999 cannot be written")))
            .otherwise(col("id")));
    Exception e = assertThrows(Exception.class, () -> new TableFolder(spark, "--output", target.toString())
        .write(failing.write().format("parquet"), true, List.of()));
    assertTrue(String.valueOf(e.getMessage()).contains("row 999 cannot be written"), "the job's own failure: " + e);
    assertEquals(10, spark.read().parquet(target.toString()).count(), "the old table, whole");
    try (var beside = Files.list(dir)) {
      assertEquals(List.of("table"), beside.map(p -> p.getFileName().toString()).toList());
    }
  }
}
