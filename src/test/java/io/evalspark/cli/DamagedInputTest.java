package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that is damaged, empty or not what the flags say: exit 3, the file and the reason in the first line. */
class DamagedInputTest {
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  private Path predictions(String name) throws Exception {
    Path out = dir.resolve(name);
    spark.range(2000).selectExpr("CAST(id % 2 AS DOUBLE) AS label",
        "CAST(0.1 + 0.6 * (id % 2) + 0.2 * rand(7) AS DOUBLE) AS score", "CAST(id % 3 AS STRING) AS segment")
        .coalesce(1).write().option("compression", "none").parquet(out.toString());
    return out;
  }

  private static Path onlyFile(Path folder, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  private String[] evaluate(Path input, String... extra) {
    List<String> args = new ArrayList<>(Arrays.asList("evaluate", "--input", input.toString(), "--task", "binary",
        "--label", "label", "--score", "score", "--output", dir.resolve("out").toString()));
    args.addAll(Arrays.asList(extra));
    return args.toArray(new String[0]);
  }

  /** The first line of the error, after the progress lines that standard error also carries. */
  private String firstErrorLine() {
    return Arrays.stream(cli.err().split("\n")).filter(l -> l.startsWith("error: ")).findFirst().orElse("");
  }

  @Test
  void aPageOverwrittenWithZerosFailsNamingTheFile() throws Exception {
    Path input = predictions("zeroed");
    Path file = onlyFile(input, ".parquet");
    long start;
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
      ColumnChunkMetaData score = reader.getFooter().getBlocks().get(0).getColumns().get(1);
      start = score.getDictionaryPageOffset() > 0 ? score.getDictionaryPageOffset() : score.getFirstDataPageOffset();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(start + 64);
      f.write(new byte[256]);
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertEquals(3, cli.run(evaluate(input)), cli.err());
    assertTrue(firstErrorLine().contains(file.getFileName().toString()), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
    assertEquals(3, cli.run(evaluate(input, "--slice-by", "segment")), cli.err());
    assertTrue(firstErrorLine().contains(file.getFileName().toString()), cli.err());
  }

  @Test
  void aTruncatedFileFailsNamingTheFileWithoutAStackTrace() throws Exception {
    Path input = predictions("truncated");
    Path file = onlyFile(input, ".parquet");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertEquals(3, cli.run(evaluate(input)), cli.err());
    assertTrue(firstErrorLine().contains(file.getFileName().toString()), cli.err());
    assertFalse(cli.err().contains("\tat "), cli.err());
  }

  @Test
  void aFormatThatDoesNotMatchTheFilesSaysSo() throws Exception {
    Path input = predictions("parquet-files");
    assertEquals(3, cli.run(evaluate(input, "--format", "csv")), cli.err());
    assertTrue(firstErrorLine().contains("--format csv does not match"), cli.err());
    assertTrue(firstErrorLine().contains("it is a parquet file; give --format parquet"), cli.err());
    // text read as Parquet (the default, as a CSV given without --format is) or as ORC: said before Spark's footer error
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csv.resolve("rows.csv"), "label,score\n1,0.9\n0,0.2\n");
    Path json = Files.createDirectories(dir.resolve("json"));
    Files.writeString(json.resolve("rows.json"), "{\"label\": 1, \"score\": 0.9}\n");
    assertEquals(3, cli.run(evaluate(csv.resolve("rows.csv"))), cli.err());
    assertEquals("error: --format parquet (the default) does not match " + csv.resolve("rows.csv").toUri().toString()
        .replace("file:///", "file:/") + ": it is a text file, as csv is; give --format csv", firstErrorLine());
    assertEquals(3, cli.run(evaluate(json, "--format", "orc")), cli.err());
    assertTrue(firstErrorLine().endsWith("rows.json: it is a text file, as json is; give --format json"), cli.err());
    // a format evalspark does not read is refused as such, not as one the files are not of
    assertEquals(2, cli.run(evaluate(input, "--format", "avro")), cli.err());
    assertEquals("error: --format must be one of parquet (default), csv (with a header), json, orc or delta; got"
        + " 'avro'", firstErrorLine());
  }

  @Test
  void aJsonDocumentOverSeveralLinesIsReadWholeAndTextThatIsNoJsonIsRefusedAsSuch() throws Exception {
    // A JSON array written over several lines (as pretty-printers write it) rather than one object a line.
    StringBuilder pretty = new StringBuilder("[\n");
    long positives = 0;
    for (int i = 0; i < 40; i++) {
      int label = i % 3 == 0 ? 1 : 0;
      double score = label == 1 ? 0.75 : i % 2 == 0 ? 0.25 : 0.5;
      positives += label == 1 && score >= 0.5 ? 1 : 0;
      pretty.append("  {\n    \"label\": ").append(label).append(",\n    \"score\": ").append(score).append("\n  }")
          .append(i < 39 ? ",\n" : "\n");
    }
    Path json = Files.createDirectories(dir.resolve("pretty"));
    Files.writeString(json.resolve("rows.json"), pretty.append("]\n"));
    assertEquals(0, cli.run(evaluate(json, "--format", "json")), cli.err());
    JsonNode report = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(40, report.get("rows").asLong());
    assertEquals(positives, report.get("metrics").get("tp").asLong());

    Path text = Files.createDirectories(dir.resolve("text"));
    Files.writeString(text.resolve("rows.json"), "label score\n1 0.9\n");
    assertEquals(3, cli.run(evaluate(text, "--format", "json", "--output", dir.resolve("text-out").toString())));
    assertEquals("error: --input " + text + " is not JSON: no line of it is a JSON object, and no file of it is"
        + " one JSON document (an object, or an array of objects)", firstErrorLine());
    assertFalse(Files.exists(dir.resolve("text-out")));
  }

  @Test
  void aLineThatIsNoJsonAmongGoodOnesIsSaidToBeWhyItsRowIsNull() throws Exception {
    Path json = Files.createDirectories(dir.resolve("cut"));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      lines.append("{\"label\": ").append(i % 2).append(", \"score\": 0.").append(i % 9 + 1).append("}\n");
    }
    Files.writeString(json.resolve("rows.json"), lines.append("{\"label\": 1, \"score\": 0.\n"));
    assertEquals(3, cli.run(evaluate(json, "--format", "json")));
    String[] error = cli.err().substring(cli.err().indexOf("error: ")).split("\n");
    assertEquals("error: 1 of 21 rows cannot be evaluated as binary predictions (use --on-invalid skip to evaluate the"
        + " rest):", error[0]);
    assertTrue(error[1].startsWith("  1 rows: label (column 'label') is null or NaN;"), error[1]);
    assertEquals("  (1 line of the input is not JSON: Spark reads it as a row of nulls)", error[2]);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void noRowsToEvaluateIsBadDataUnlessAllowed() throws Exception {
    Path input = predictions("some");
    assertEquals(3, cli.run(evaluate(input, "--where", "label > 5")), cli.err());
    assertTrue(firstErrorLine().contains("no rows to evaluate"), cli.err());
    assertTrue(firstErrorLine().contains("leaves none of its input's rows"), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
    assertEquals(0, cli.run(evaluate(input, "--where", "label > 5", "--allow-empty")), cli.err());
    com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(0, report.get("rows").asLong());
    assertTrue(report.get("metrics").get("accuracy").isNull());
    Path empty = dir.resolve("empty");
    spark.read().parquet(input.toString()).limit(0).write().parquet(empty.toString());
    assertEquals(3, cli.run(evaluate(empty)), cli.err());
    assertTrue(firstErrorLine().contains("no rows to evaluate"), cli.err());
    Path headerOnly = Files.createDirectories(dir.resolve("csv")).resolve("header.csv");
    Files.writeString(headerOnly, "label,score\n");
    assertEquals(3, cli.run(evaluate(headerOnly, "--format", "csv")), cli.err());
    assertTrue(firstErrorLine().contains("no rows to evaluate"), cli.err());
  }

  @Test
  void anEmptyFileOrFolderIsNoRowsToEvaluateAndAllowEmptyWritesTheirReport() throws Exception {
    // what a day without traffic may leave: a folder of no data files (a _SUCCESS marker), or an empty file
    Path folder = Files.createDirectories(dir.resolve("no-files"));
    Files.writeString(folder.resolve("_SUCCESS"), "");
    Path file = Files.writeString(Files.createDirectories(dir.resolve("empty-file")).resolve("day.csv"), "");
    Path header = Files.writeString(dir.resolve("empty-file/header.csv"), "label,score\n"); // columns of strings
    String[][] inputs = {{folder.toString()}, {folder.toString(), "--format", "csv"}, {file.toString(), "--format",
        "csv"}, {header.toString(), "--format", "csv"}, {folder.toString(), "--where", "label > 0"}};
    for (String[] input : inputs) {
      String[] extra = Arrays.copyOfRange(input, 1, input.length);
      assertEquals(3, cli.run(evaluate(Path.of(input[0]), extra)), cli.err());
      assertTrue(firstErrorLine().startsWith("error: no rows to evaluate"), cli.err());
      assertFalse(Files.exists(dir.resolve("out")));
      String[] allowed = Arrays.copyOf(extra, extra.length + 1);
      allowed[extra.length] = "--allow-empty";
      assertEquals(0, cli.run(evaluate(Path.of(input[0]), allowed)), String.join(" ", input) + ": " + cli.err());
      com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(dir.resolve("out/metrics.json").toFile());
      assertEquals(0, report.get("rows").asLong(), String.join(" ", input));
      assertTrue(report.get("metrics").get("roc_auc").isNull());
      deleteOut();
    }
  }

  private void deleteOut() throws Exception {
    try (var paths = Files.walk(dir.resolve("out"))) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void rowsThatAreAllSkippedAsInvalidLeaveNoneToEvaluate() throws Exception {
    Path input = Files.createDirectories(dir.resolve("csv")).resolve("all-invalid.csv");
    Files.writeString(input, "label,score\n1,1.5\n0,-0.2\n1,NaN\n");
    assertEquals(3, cli.run(evaluate(input, "--format", "csv", "--on-invalid", "skip")), cli.err());
    assertTrue(firstErrorLine().contains("no rows to evaluate"), cli.err());
    assertTrue(firstErrorLine().contains("--on-invalid skip skipped all 3 of its input's rows"), cli.err());
    assertTrue(firstErrorLine().contains("2 rows: score (column 'score') is not a probability in [0, 1]"), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
    assertEquals(0, cli.run(evaluate(input, "--format", "csv", "--on-invalid", "skip", "--allow-empty")), cli.err());
    com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(3, report.get("invalid_rows").asLong());
    assertTrue(report.get("metrics").get("roc_auc").isNull());
  }

  @Test
  void filesOfMixedSchemasAreBadData() throws Exception {
    Path input = dir.resolve("mixed");
    spark.range(10).selectExpr("CAST(id % 2 AS DOUBLE) AS label", "0.5D AS score").coalesce(1).write()
        .parquet(input.resolve("day=1").toString());
    spark.range(10).selectExpr("CAST(id % 2 AS STRING) AS label", "0.5D AS score").coalesce(1).write()
        .parquet(input.resolve("day=2").toString());
    assertEquals(3, cli.run(evaluate(input)), cli.err());
    assertTrue(firstErrorLine().contains(".parquet"), cli.err());
  }

  @Test
  void aDeltaTableIsReadAsDeltaAndRefusedAsParquet() throws Exception {
    Path table = dir.resolve("delta-predictions");
    spark.read().parquet(predictions("for-delta").toString()).write().format("delta").save(table.toString());
    // A second version that rewrites every row: its folder holds the old files too, which Delta no longer counts.
    spark.read().format("delta").load(table.toString()).write().format("delta").mode("overwrite").save(table.toString());
    assertEquals(0, cli.run(evaluate(table, "--format", "delta")), cli.err());
    com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/metrics.json").toFile());
    assertEquals(2000, report.get("rows").asLong());
    assertEquals(3, cli.run(evaluate(table, "--format", "parquet")), cli.err());
    assertTrue(firstErrorLine().contains("it is a Delta table"), cli.err());
    spark.sql("CREATE TABLE delta_predictions USING delta LOCATION '" + table + "'");
    try {
      assertEquals(0, cli.run("evaluate", "--table", "delta_predictions", "--task", "binary", "--label", "label",
          "--score", "score", "--output", dir.resolve("from-table").toString()), cli.err());
      assertEquals(2000, new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(dir.resolve("from-table/metrics.json").toFile()).get("rows").asLong());
    } finally {
      spark.sql("DROP TABLE delta_predictions");
    }
  }
}
