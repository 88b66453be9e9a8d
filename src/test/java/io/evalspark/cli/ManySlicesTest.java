package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50,000 slices of 1,000,000 rows with the default 10,000 bins, in the tests' 4 GB heap: each
 * slice's state holds only the bins its 20 rows fill.
 */
class ManySlicesTest {
  private static final int SLICES = 50_000;
  @TempDir Path dir;

  @Test
  void fiftyThousandSlicesFitTheDefaultHeap() throws Exception {
    SparkSession spark = TestSpark.session();
    Path input = dir.resolve("rows");
    spark.range(1_000_000).selectExpr("CAST(id % 2 AS DOUBLE) AS label",
        "CAST((id % 2) * 0.3 + rand(5) * 0.7 AS DOUBLE) AS score", "CAST(id % " + SLICES + " AS STRING) AS segment")
        .repartition(4).write().parquet(input.toString());
    CommandRun cli = new CommandRun();
    assertEquals(0, cli.run("evaluate", "--input", input.toString(), "--task", "binary", "--label", "label",
        "--score", "score", "--slice-by", "segment", "--output", dir.resolve("out").toString(), "--quiet"), cli.err());
    JsonNode report = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(1_000_000, report.get("rows").asLong());
    assertEquals(SLICES, report.get("slices").size());
    // One slice checked against counting its rows directly: true positives at the 0.5 threshold.
    Row expected = spark.read().parquet(input.toString()).where("segment = '4321'")
        .selectExpr("count(*)", "sum(CASE WHEN label = 1 AND score >= 0.5 THEN 1 ELSE 0 END)").first();
    for (JsonNode slice : report.get("slices")) {
      if (slice.get("key").get("segment").asText().equals("4321")) {
        assertEquals(expected.getLong(0), slice.get("rows").asLong());
        assertEquals(expected.getLong(1), slice.get("metrics").get("tp").asLong());
      }
    }
  }
}
