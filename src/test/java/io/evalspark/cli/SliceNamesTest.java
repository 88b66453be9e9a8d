package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each value of a slice's or a model's column is one slice or one model in every report: a null
 * and the string "null" are two, and a value's text is the same every run.
 */
class SliceNamesTest {
  private static SparkSession spark;

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    spark = TestSpark.session();
  }

  /** Six rows: c and m are null in 2, the string "null" in 3, a name in 1; d a date, x a double. */
  private String rows() {
    String path = dir.resolve("rows").toString();
    spark.sql("SELECT * FROM VALUES"
        + " (1, 0.9, NULL, NULL, date'2026-01-02', CAST(NULL AS DOUBLE)),"
        + " (0, 0.2, NULL, NULL, date'2026-01-02', CAST('NaN' AS DOUBLE)),"
        + " (1, 0.7, 'null', 'null', date'2026-01-03', 0.5D),"
        + " (0, 0.8, 'null', 'null', date'2026-01-03', 0.5D),"
        + " (1, 0.6, 'null', 'null', date'2026-01-03', CAST('NaN' AS DOUBLE)),"
        + " (1, 0.7, 'DE', 'a', date'2026-01-03', 0.5D) AS t(y, p, c, m, d, x)")
        .selectExpr("*", "CAST(c AS BINARY) AS b", "array(c) AS a").write().parquet(path);
    return path;
  }

  private int evaluate(String input, String... extra) {
    String[] base = {"evaluate", "--input", input, "--task", "binary", "--label", "y", "--score", "p",
        "--run-date", "2026-12-01", "--history", dir.resolve("history").toString(), "--quiet"};
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  /** The history's rows of one metric: "model | slice" to the slice's row count. */
  private Map<String, Long> historyRows() {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(dir.resolve("history").toString())
        .where("metric = 'tp'").select("model", "slice", "rows").collectAsList()) {
      out.put(r.getString(0) + " | " + r.getString(1), r.getLong(2));
    }
    return out;
  }

  @Test
  void aNullAndTheStringNullAreTwoSlicesInTheHistory() {
    assertEquals(0, evaluate(rows(), "--slice-by", "c", "--output", dir.resolve("out").toString()), cli.err());
    assertEquals(Map.of("evaluation | overall", 6L, "evaluation | c=null", 2L, "evaluation | c=\"null\"", 3L,
        "evaluation | c=DE", 1L), historyRows());
  }

  @Test
  void aNullModelAndAModelNamedNullAreTwoModels() {
    Path out = dir.resolve("out");
    assertEquals(0, evaluate(rows(), "--model-column", "m", "--output", out.toString()), cli.err());
    assertEquals(Map.of("null | overall", 2L, "\"null\" | overall", 3L, "a | overall", 1L), historyRows());
    assertTrue(Files.exists(out.resolve("model=null/metrics.json")));
    assertTrue(Files.exists(out.resolve("model=%22null%22/metrics.json")));
  }

  @Test
  void aModelTooLongForAFolderNameFailsBeforeAnythingIsWritten() {
    String input = dir.resolve("long").toString();
    String name = "v".repeat(250); // "model=" and 250 bytes: 256, one more than a file system's name takes
    spark.sql("SELECT * FROM VALUES (1, 0.9, 'a'), (0, 0.2, 'a'), (1, 0.7, '" + name + "'), (0, 0.3, '" + name
        + "') AS t(y, p, m)").write().parquet(input);
    Path out = dir.resolve("out");
    assertEquals(3, evaluate(input, "--model-column", "m", "--output", out.toString()), cli.err());
    assertEquals("error: the model '" + "v".repeat(40) + "...' of the model column 'm' would be the folder name of its"
        + " report, of 256 bytes; file systems take names of at most 255 bytes", cli.error());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(dir.resolve("history")));
  }

  @Test
  void metricsJsonShowsADateAsTheHistoryDoesAndKeepsANaNApartFromNull() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, evaluate(rows(), "--slice-by", "d,x", "--output", out.toString()), cli.err());
    List<String> keys = new ArrayList<>();
    for (JsonNode s : new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("slices")) {
      keys.add(s.get("key").toString() + " " + s.get("rows").asLong());
    }
    keys.sort(null);
    assertEquals(List.of("{\"d\":\"2026-01-02\",\"x\":\"NaN\"} 1", "{\"d\":\"2026-01-02\",\"x\":null} 1",
        "{\"d\":\"2026-01-03\",\"x\":\"NaN\"} 1", "{\"d\":\"2026-01-03\",\"x\":0.5} 3"), keys);
    assertEquals(Map.of("evaluation | overall", 6L, "evaluation | d=2026-01-02, x=null", 1L,
        "evaluation | d=2026-01-02, x=NaN", 1L, "evaluation | d=2026-01-03, x=0.5", 3L,
        "evaluation | d=2026-01-03, x=NaN", 1L), historyRows());
  }

  @Test
  void aColumnWhoseValuesHaveNoTextCannotNameSlicesOrModels() {
    String input = rows();
    assertEquals(3, evaluate(input, "--slice-by", "b", "--output", dir.resolve("b").toString()));
    assertEquals("error: the slice-by column 'b' has type binary; expected a column of strings, numbers, booleans,"
        + " dates or timestamps, whose values name the slices", cli.error(), cli.err());
    assertEquals(3, evaluate(input, "--model-column", "a", "--output", dir.resolve("a").toString()));
    assertTrue(cli.error().startsWith("error: the model column 'a' has type array<string>; expected a column of"),
        cli.err());
    assertEquals(3, evaluate(input, "--model-column", "nope", "--output", dir.resolve("n").toString()));
    assertTrue(cli.error().startsWith("error: the model column 'nope' does not exist"), cli.err());
    assertFalse(Files.exists(dir.resolve("history")), "nothing is recorded");
  }

  /**
   * A timestamp names its slice as Spark shows it, in the session's time zone (here nine hours
   * ahead of the JVM's), whatever the driver's own zone; a timestamp without a zone as it is. The
   * history, gates and model folders use that name.
   */
  @Test
  void aTimestampNamesItsSliceAsSparkShowsItInTheSessionsTimeZone() {
    String input = dir.resolve("times").toString();
    spark.sql("SELECT * FROM VALUES"
        + " (1, 0.9, timestamp'2026-01-02 10:00:00+00:00', timestamp_ntz'2026-01-02 10:00:00'),"
        + " (0, 0.2, timestamp'2026-01-02 10:00:00+00:00', timestamp_ntz'2026-01-02 10:00:00'),"
        + " (1, 0.7, timestamp'2026-01-02 10:00:00.5+00:00', timestamp_ntz'2026-01-02 10:00:00.25')"
        + " AS t(y, p, ts, ntz)").write().parquet(input);
    String zone = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", "Asia/Seoul");
    try {
      Path out = dir.resolve("out");
      assertEquals(0, evaluate(input, "--slice-by", "ts,ntz", "--output", out.toString()), cli.err());
      assertEquals(Map.of("evaluation | overall", 3L, "evaluation | ts=2026-01-02 19:00:00, ntz=2026-01-02 10:00:00", 2L,
          "evaluation | ts=2026-01-02 19:00:00.5, ntz=2026-01-02 10:00:00.25", 1L), historyRows());
      assertEquals(0, evaluate(input, "--model-column", "ts", "--output", dir.resolve("models").toString()), cli.err());
      assertTrue(Files.exists(dir.resolve("models/model=2026-01-02 19%3A00%3A00/metrics.json")), cli.err());
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
