package io.evalspark.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import io.evalspark.cli.Progress;
import io.evalspark.jobfile.RunConfig;
import io.evalspark.notebooks.Predictions.Example;
import io.evalspark.run.NightlyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Zeppelin notes in {@code notebooks/}: each parses as a Zeppelin note, names and ids are well
 * formed, every paragraph names an interpreter Zeppelin has, and every {@code %sql} paragraph runs
 * on a local session with the extension installed over the fixture table, returning the rows the
 * note expects (computed from the fixture by counting, below). This runs the notes' SQL, not a
 * Zeppelin server.
 */
class NotebooksTest {
  private static final Set<String> INTERPRETERS = Set.of(
      "%md", "%sql", "%spark", "%spark.sql", "%spark.conf", "%spark.pyspark", "%sh", "%python", "%angular");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Predictions FIXTURE = new Predictions();
  private static SparkSession spark;

  @BeforeAll
  static void predictionsTable() {
    spark = TestSpark.session();
    List<Row> rows = FIXTURE.rows.stream()
        .map(e -> RowFactory.create(e.model(), e.day(), e.label(), e.score())).toList();
    spark.createDataFrame(rows, DataTypes.createStructType(List.of(
            DataTypes.createStructField("model_version", DataTypes.StringType, false),
            DataTypes.createStructField("day", DataTypes.StringType, false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false))))
        .repartition(3).createOrReplaceTempView("predictions");
    metricHistory();
  }

  /**
   * The history the metric-history note reads: a nightly run per fixture day over the predictions
   * table, each model its own, with a 3-day window merged from the stored states.
   */
  private static void metricHistory() {
    Path root;
    try {
      root = Files.createTempDirectory("evalspark-notes");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String history = root.resolve("history").toString();
    for (String day : Predictions.DAYS) {
      Map<String, Object> flags = Map.of("table", "predictions", "task", "binary", "label", "label", "score", "score",
          "model-column", "model_version", "where", "day = '" + day + "'", "history", history, "windows", List.of(3),
          "run-date", day, "output", root.resolve("out-" + day).toString());
      RunConfig run = RunConfig.read(null, flags, null, Map.of(), LocalDate.now());
      try (Progress quiet = new Progress(spark, new PrintWriter(Writer.nullWriter()), true, 1000)) {
        NightlyRun.run(spark, run, quiet);
      }
    }
    spark.read().parquet(history).createOrReplaceTempView("eval_history");
  }

  /** The rows each %sql paragraph must return, by paragraph title. */
  private static Map<String, Supplier<List<List<Object>>>> expectations() {
    Map<String, Supplier<List<List<Object>>>> e = new LinkedHashMap<>();
    historyExpectations(e);
    e.put("Metrics by model version and day", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String model : Predictions.MODELS) {
        for (String day : Predictions.DAYS) {
          List<Example> slice = FIXTURE.where(x -> x.model().equals(model) && x.day().equals(day));
          rows.add(List.of(model, day, (long) slice.size(), Predictions.rocAuc(slice), Predictions.logLoss(slice),
              Predictions.recall(slice, 0.5)));
        }
      }
      return rows;
    });
    e.put("ROC curve per model version", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String model : Predictions.MODELS) {
        Predictions.rocPoints(FIXTURE.where(x -> x.model().equals(model))).stream()
            .sorted((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]))
            .forEach(p -> rows.add(List.of(model, p[0], p[1])));
      }
      return rows;
    });
    e.put("Confusion matrix of v2 at threshold 0.5", () -> {
      List<Example> v2 = FIXTURE.where(x -> x.model().equals("v2"));
      List<List<Object>> rows = new ArrayList<>();
      for (int actual = 0; actual < 2; actual++) {
        for (int predicted = 0; predicted < 2; predicted++) {
          rows.add(List.of(actual, predicted, (double) Predictions.count(v2, actual, 0.5, predicted == 1)));
        }
      }
      return rows;
    });
    e.put("Loss versus metric by model version", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String model : Predictions.MODELS) {
        List<Example> m = FIXTURE.where(x -> x.model().equals(model));
        rows.add(List.of(model, Predictions.logLoss(m), Predictions.brier(m), Predictions.accuracy(m, 0.5),
            Predictions.rocAuc(m)));
      }
      return rows;
    });
    e.put("Recall and precision of v2 as the threshold falls", () -> {
      List<Example> v2 = FIXTURE.where(x -> x.model().equals("v2"));
      List<List<Object>> rows = new ArrayList<>();
      for (double t : new double[] {0.5, 0.3, 0.1}) {
        rows.add(List.of(t, Predictions.recall(v2, t), Predictions.precision(v2, t)));
      }
      return rows;
    });
    return e;
  }

  private static List<Path> notes() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
      return files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
    }
  }

  /** The metric-history note's rows, from the fixture's rows by the metrics' definitions. */
  private static void historyExpectations(Map<String, Supplier<List<List<Object>>>> e) {
    e.put("Log loss per day and model", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String day : Predictions.DAYS) {
        for (String model : Predictions.MODELS) {
          rows.add(List.of(java.sql.Date.valueOf(day), model, Predictions.logLoss(
              FIXTURE.where(x -> x.model().equals(model) && x.day().equals(day)))));
        }
      }
      return rows;
    });
    e.put("Day-over-day change of log loss", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String model : Predictions.MODELS) {
        Double previous = null;
        for (String day : Predictions.DAYS) {
          double loss = Predictions.logLoss(FIXTURE.where(x -> x.model().equals(model) && x.day().equals(day)));
          rows.add(java.util.Arrays.asList(model, java.sql.Date.valueOf(day), loss,
              previous == null ? null : loss / previous - 1));
          previous = loss;
        }
      }
      return rows;
    });
    e.put("ROC AUC over the last 3 days", () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (int d = 0; d < Predictions.DAYS.size(); d++) {
        List<String> window = Predictions.DAYS.subList(0, d + 1);
        for (String model : Predictions.MODELS) {
          rows.add(List.of(java.sql.Date.valueOf(Predictions.DAYS.get(d)), model, d + 1,
              Predictions.rocAuc(FIXTURE.where(x -> x.model().equals(model) && window.contains(x.day())))));
        }
      }
      return rows;
    });
  }

  @Test
  void notesAreWellFormedZeppelinNotes() throws IOException {
    List<Path> notes = notes();
    assertFalse(notes.isEmpty(), "no notes in notebooks/");
    Set<String> noteIds = new HashSet<>();
    for (Path file : notes) {
      JsonNode note = JSON.readTree(file.toFile());
      String id = note.path("id").asText();
      String name = note.path("name").asText();
      assertTrue(id.matches("[A-Z0-9]{9}"), file + ": note id " + id);
      assertTrue(noteIds.add(id), file + ": duplicate note id " + id);
      assertEquals(name + "_" + id + ".zpln", file.getFileName().toString(), "file name is <name>_<id>.zpln");
      assertTrue(note.path("paragraphs").size() > 0, file + ": no paragraphs");
      Set<String> paragraphIds = new HashSet<>();
      for (JsonNode p : note.path("paragraphs")) {
        String pid = p.path("id").asText();
        assertTrue(pid.matches("paragraph_\\d+_\\d+"), file + ": paragraph id " + pid);
        assertTrue(paragraphIds.add(pid), file + ": duplicate paragraph id " + pid);
        assertTrue(INTERPRETERS.contains(interpreter(p)), file + ": unknown interpreter " + interpreter(p));
        assertTrue(p.path("config").isObject() && p.path("settings").isObject(), file + ": paragraph " + pid);
      }
    }
  }

  @Test
  void setupParagraphsInstallTheExtensionThatExists() throws Exception {
    for (Path file : notes()) {
      JsonNode first = JSON.readTree(file.toFile()).path("paragraphs").get(0);
      assertEquals("%spark.conf", interpreter(first), file + ": the first paragraph sets Spark up");
      String text = first.path("text").asText();
      assertTrue(text.contains("spark.jars "), file.toString());
      String extensions = text.lines().filter(l -> l.startsWith("spark.sql.extensions ")).findFirst().orElseThrow();
      for (String extension : extensions.split("\\s+")[1].split(",")) {
        Class.forName(extension);
      }
      assertTrue(extensions.contains("io.evalspark.sql.EvalsparkExtensions"), extensions);
      text.lines().filter(l -> l.startsWith("spark.sql.catalog.spark_catalog ")).forEach(l -> {
        try {
          Class.forName(l.split("\\s+")[1]);
        } catch (ClassNotFoundException e) {
          throw new AssertionError(file + " names a catalog class that does not exist: " + l, e);
        }
      });
    }
  }

  @Test
  void everySqlParagraphReturnsTheRowsTheNoteExpects() throws IOException {
    Map<String, Supplier<List<List<Object>>>> expected = expectations();
    Set<String> ran = new HashSet<>();
    for (Path file : notes()) {
      for (JsonNode p : JSON.readTree(file.toFile()).path("paragraphs")) {
        if (!interpreter(p).equals("%sql")) {
          continue;
        }
        String title = p.path("title").asText();
        assertTrue(expected.containsKey(title), file + ": no expectation for %sql paragraph '" + title + "'");
        String sql = p.path("text").asText().split("\n", 2)[1];
        assertRows(title, expected.get(title).get(), spark.sql(sql).collectAsList());
        ran.add(title);
      }
    }
    assertEquals(expected.keySet(), ran, "every expectation belongs to a paragraph");
  }

  private static void assertRows(String title, List<List<Object>> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size(), title + ": row count");
    for (int r = 0; r < expected.size(); r++) {
      List<Object> want = expected.get(r);
      Row got = actual.get(r);
      assertEquals(want.size(), got.size(), title + ": columns");
      for (int c = 0; c < want.size(); c++) {
        Object w = want.get(c);
        Object g = got.get(c);
        String where = title + ", row " + r + ", column " + c;
        if (w instanceof Double && g instanceof Number) {
          assertEquals((Double) w, ((Number) g).doubleValue(), 1e-9, where);
        } else {
          assertEquals(w, g instanceof java.math.BigDecimal ? ((java.math.BigDecimal) g).doubleValue() : g, where);
        }
      }
    }
  }

  private static String interpreter(JsonNode paragraph) {
    return paragraph.path("text").asText().split("\\s", 2)[0];
  }
}
