package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.FolderFiles;
import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports and models are never written among the files of the input they come from, where the next
 * read of that input would take them for rows (or fail on them); an input that is one file reads
 * nothing else of its folder.
 */
class OutputApartFromInputTest {
  @TempDir static Path data;
  private static Path table;
  private final CommandRun cli = new CommandRun();

  /** 200 rows of Parquet in a folder: x, a label y and a probability p. */
  @BeforeAll
  static void writeTable() {
    SparkSession spark = TestSpark.session();
    table = data.resolve("table");
    spark.range(200).selectExpr("id / 200.0 AS x", "CAST(id % 3 = 0 AS DOUBLE) AS y", "id / 200.0 AS p")
        .coalesce(2).write().parquet(table.toString());
  }

  @Test
  void anEvaluationIsNotWrittenIntoItsInputFolderOrOneInIt() throws Exception {
    List<String> before = FolderFiles.of(table);
    for (Path out : List.of(table, table.resolve("eval"))) {
      assertEquals(2, cli.run("evaluate", "--input", table.toString(), "--task", "binary", "--label", "y", "--score",
          "p", "--output", out.toString()));
      assertEquals("error: --output " + out + " would put files among those of the input (--input " + table
          + "), which would read them as rows next time; give a folder outside the input", cli.error());
    }
    assertEquals(before, FolderFiles.of(table), "nothing written");
    assertEquals(0, cli.run("evaluate", "--input", table.toString(), "--task", "binary", "--label", "y", "--score",
        "p", "--output", data.resolve("eval").toString()), cli.err());
    assertEquals(200, TestSpark.session().read().parquet(table.toString()).count(), "the input still reads");
  }

  @Test
  void aPatternOfInputsKeepsOutputsOutOfTheFoldersOfItsFiles() {
    Path out = table;
    assertEquals(2, cli.run("evaluate", "--input", data.resolve("tab*").toString(), "--task", "binary", "--label", "y",
        "--score", "p", "--output", out.toString()));
    assertTrue(cli.error().startsWith("error: --output " + out + " would put files among those of the input"),
        cli.error());
  }

  @Test
  void aTableOfTheCatalogKeepsOutputsOutOfItsLocation() {
    TestSpark.session().catalog().createTable("apart_from_outputs", table.toString(), "parquet");
    Path out = table.resolve("eval");
    assertEquals(2, cli.run("evaluate", "--table", "apart_from_outputs", "--task", "binary", "--label", "y",
        "--score", "p", "--output", out.toString()));
    assertEquals("error: --output " + out + " would put files among those of the input (--table apart_from_outputs),"
        + " which would read them as rows next time; give a folder outside the input", cli.error());
  }

  @Test
  void aJobFileEvaluationsFolderIsKeptOutOfItsInput() throws Exception {
    Path job = Files.writeString(data.resolve("job.conf"), String.join("\n",
        "input = \"" + table + "\"", "task = binary", "label = y", "score = p",
        "evaluations = [{ name = table }]"));
    // the evaluation's metrics.json would go to OUTPUT/table, which is the input
    assertEquals(2, cli.run("evaluate", "--config", job.toString(), "--run-date", "2026-12-06", "--output",
        data.toString()));
    assertTrue(cli.error().startsWith("error: --output " + table + " would put files among those of the input"),
        cli.error());
    assertTrue(Files.notExists(data.resolve("report.html")), "nothing written");
  }

  @Test
  void aModelIsNotWrittenIntoItsTrainingOrValidationFolder() throws Exception {
    List<String> before = FolderFiles.of(table);
    assertEquals(2, cli.run("train", "--input", table.toString(), "--features", "x", "--label", "y", "--loss",
        "binary_cross_entropy", "--epochs", "1", "--output", table.resolve("model").toString()));
    assertTrue(cli.error().startsWith("error: --output " + table.resolve("model") + " would put files among"),
        cli.error());
    assertEquals(before, FolderFiles.of(table), "nothing written");
    Path rows = Files.writeString(data.resolve("rows.csv"), "x,y\n0.1,0\n0.9,1\n0.2,0\n0.8,1\n");
    Path validation = Files.createDirectories(data.resolve("validation"));
    Files.copy(rows, validation.resolve("rows.csv"));
    assertEquals(2, cli.run("train", "--input", rows.toString(), "--format", "csv", "--features", "x", "--label", "y",
        "--loss", "binary_cross_entropy", "--epochs", "1", "--validation", validation.toString(), "--output",
        validation.toString()));
    assertTrue(cli.error().contains("(--validation " + validation + ")"), cli.error());
    assertEquals(List.of("", "rows.csv"), FolderFiles.of(validation), "nothing written");
  }

  @Test
  void anInputOfOneFileLeavesItsFolderFreeForOutputs() throws Exception {
    Path folder = Files.createDirectories(data.resolve("one-file"));
    Path rows = Files.writeString(folder.resolve("rows.csv"), "y,p\n0,0.1\n1,0.9\n0,0.3\n1,0.6\n");
    assertEquals(0, cli.run("evaluate", "--input", rows.toString(), "--format", "csv", "--task", "binary", "--label",
        "y", "--score", "p", "--output", folder.toString()), cli.err());
    assertTrue(Files.exists(folder.resolve("metrics.json")));
  }
}
