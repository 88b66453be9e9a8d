package io.evalspark.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.FolderFiles;
import io.evalspark.TestSpark;
import io.evalspark.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --history folder that holds other files, or a table that is not a history, is refused: not
 * made a Delta table among the files, converted, or given the history's rows and columns. An empty
 * folder becomes a new history.
 */
class HistoryPlaceTest {
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  private int evaluate(Path history) {
    return evaluate(history.toString(), dir.resolve("out"));
  }

  private int evaluate(String history, Path output) {
    return cli.run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label", "--score",
        "score", "--history", history, "--run-date", "2026-12-06", "--output", output.toString());
  }

  @Test
  void aFolderOfOtherFilesIsRefusedAndLeftAsItWas() throws Exception {
    SparkSession spark = TestSpark.session();
    Path table = dir.resolve("predictions");
    spark.range(5).toDF().coalesce(1).write().parquet(table.toString());
    List<String> before = FolderFiles.of(table);
    assertEquals(2, evaluate(table));
    assertTrue(cli.error().startsWith("error: --history " + table + " is not an evalspark history: at " + table
        + " it holds files but no Delta log (_SUCCESS, part-"), cli.error());
    assertEquals(before, FolderFiles.of(table), "no Delta log made among them");
    assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
  }

  @Test
  void parquetByRunDateWithOtherColumnsIsNotConverted() throws Exception {
    SparkSession spark = TestSpark.session();
    Path table = dir.resolve("daily");
    spark.range(5).selectExpr("id", "CAST('2026-12-01' AS DATE) AS run_date").write().partitionBy("run_date")
        .parquet(table.toString());
    List<String> before = FolderFiles.of(table);
    assertEquals(2, evaluate(table));
    assertEquals("error: --history " + table + " is not an evalspark history: at " + table + " it is a table of the"
        + " columns id, run_date, not a history's (evaluation, model, slice, ...); give a new or empty folder, or the"
        + " folder of an existing history", cli.error());
    assertEquals(before, FolderFiles.of(table), "not converted");
  }

  @Test
  void aDeltaTableOfOtherColumnsGetsNoHistoryRows() throws Exception {
    SparkSession spark = TestSpark.session();
    Path table = dir.resolve("delta");
    spark.range(5).selectExpr("id", "id / 5.0 AS score").write().format("delta").save(table.toString());
    assertEquals(2, evaluate(table));
    assertTrue(cli.error().startsWith("error: --history " + table + " is not an evalspark history: at " + table
        + " it is a table of the columns id, score, not a history's"), cli.error());
    assertEquals(List.of("id", "score"), List.of(spark.read().format("delta").load(table.toString()).columns()));
    assertEquals(5, spark.read().format("delta").load(table.toString()).count());
  }

  @Test
  void anEmptyFolderBecomesANewHistory() throws Exception {
    Path history = Files.createDirectories(dir.resolve("history"));
    assertEquals(0, evaluate(history), cli.err());
    assertTrue(Files.isDirectory(history.resolve("_delta_log")));
    assertTrue(TestSpark.session().read().format("delta").load(history.toString()).count() > 0);
  }

  @Test
  void reportsAreNotWrittenAmongTheHistorysFiles() throws Exception {
    Path history = dir.resolve("history");
    assertEquals(2, evaluate(history.toString(), history), "a new history's folder");
    assertEquals("error: --output " + history + " would put reports among the files of the history (--history "
        + history + "), which Delta's clean-up deletes; give an output folder outside the history", cli.error());
    assertTrue(Files.notExists(history), "nothing written");

    assertEquals(0, evaluate(history.toString(), dir.resolve("out")), cli.err());
    List<String> recorded = FolderFiles.of(history);
    assertEquals(2, evaluate(history.toString(), history.resolve("reports")), "a folder in the history");
    assertEquals(2, evaluate(history.toString(), Path.of(history + "_states")), "the states' folder");
    assertTrue(cli.error().startsWith("error: --output " + history + "_states would put reports among"), cli.error());
    assertEquals(recorded, FolderFiles.of(history), "the history as it was");
  }

  @Test
  void reportsAreNotWrittenInAMetastoreHistorysLocation() throws Exception {
    SparkSession spark = TestSpark.session();
    spark.sql("CREATE DATABASE IF NOT EXISTS reports_apart LOCATION '" + dir.resolve("warehouse").toUri() + "'");
    String name = "reports_apart.history";
    spark.sql("DROP TABLE IF EXISTS " + name);
    assertEquals(0, evaluate(name, dir.resolve("out")), cli.err());
    Path location = Path.of(java.net.URI.create(spark.sql("DESCRIBE TABLE EXTENDED " + name)
        .where("col_name = 'Location'").first().getString(1)));
    long rows = spark.table(name).count();
    assertEquals(2, evaluate(name, location));
    assertTrue(cli.error().startsWith("error: --output " + location + " would put reports among the files of the"
        + " history (--history " + name + ")"), cli.error());
    assertTrue(Files.notExists(location.resolve("metrics.json")));
    assertEquals(rows, spark.table(name).count());
    spark.sql("DROP DATABASE reports_apart CASCADE");
  }
}
