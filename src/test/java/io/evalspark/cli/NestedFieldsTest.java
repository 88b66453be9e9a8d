package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column names that reach into struct columns (pred.score), as Spark's col("pred.score") does. */
class NestedFieldsTest {
  @TempDir static Path data;
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();
  /** Per model, then per country: the rows' labels and 3-decimal scores, as written. */
  private static final Map<String, Map<String, List<double[]>>> ROWS = new HashMap<>();

  /** 600 JSON rows: {"y": 0|1, "pred": {"score": s, "model": m}, "ctx": {"geo": {"country": c}}}. */
  @BeforeAll
  static void writeRows() throws Exception {
    TestSpark.session();
    Random r = new Random(11);
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      int y = r.nextDouble() < 0.4 ? 1 : 0;
      double score = Math.round(Math.min(1, Math.max(0, 0.4 + 0.2 * y + 0.25 * r.nextGaussian())) * 1000) / 1000.0;
      String model = i % 3 == 0 ? "v1" : "v2";
      String country = List.of("de", "fr", "kr").get(r.nextInt(3));
      json.append(String.format(Locale.ROOT, "{\"y\": %d, \"pred\": {\"score\": %s, \"model\": \"%s\"}, \"ctx\":"
          + " {\"geo\": {\"country\": \"%s\"}}}%n", y, score, model, country));
      ROWS.computeIfAbsent(model, m -> new HashMap<>()).computeIfAbsent(country, c -> new ArrayList<>())
          .add(new double[] {y, score});
    }
    Files.writeString(data.resolve("rows.json"), json);
    TestSpark.session().read().json(data.resolve("rows.json").toString()).write()
        .parquet(data.resolve("rows.parquet").toString());
  }

  @Test
  void evaluateReadsScoresSlicesAndModelsFromStructFields() throws Exception {
    for (String format : List.of("json", "parquet")) {
      Path out = dir.resolve(format);
      assertEquals(0, cli.run("evaluate", "--input", data.resolve("rows." + format).toString(), "--format", format,
          "--task", "binary", "--label", "y", "--score", "pred.score", "--model-column", "pred.model", "--slice-by",
          "ctx.geo.country", "--output", out.toString()), cli.err());
      check(out);
    }
  }

  private static void check(Path out) throws Exception {
    for (String model : List.of("v1", "v2")) {
      JsonNode report = new ObjectMapper().readTree(out.resolve("model=" + model + "/metrics.json").toFile());
      List<double[]> all = new ArrayList<>();
      ROWS.get(model).values().forEach(all::addAll);
      assertEquals(all.size(), report.get("evaluated_rows").asLong());
      assertEquals(truePositives(all), report.get("metrics").get("tp").asLong());
      assertEquals(pairCountAuc(all), report.get("metrics").get("roc_auc").asDouble(), 1e-12);
      JsonNode slices = report.get("slices");
      assertEquals(3, slices.size());
      for (JsonNode slice : slices) {
        List<double[]> rows = ROWS.get(model).get(slice.get("key").get("ctx.geo.country").asText());
        assertEquals(rows.size(), slice.get("rows").asLong());
        assertEquals(pairCountAuc(rows), slice.get("metrics").get("roc_auc").asDouble(), 1e-12);
      }
    }
  }

  @Test
  void aColumnWhoseNameHoldsTheDotIsReadBeforeAStructField() throws Exception {
    // Both a column named "pred.score" and a struct pred with a field score: the column is read.
    Path rows = Files.writeString(dir.resolve("both.json"), "{\"y\": 1, \"pred.score\": 0.9, \"pred\": {\"score\": 0.1}}\n"
        + "{\"y\": 0, \"pred.score\": 0.2, \"pred\": {\"score\": 0.8}}\n");
    Path out = dir.resolve("out");
    assertEquals(0, cli.run("evaluate", "--input", rows.toString(), "--format", "json", "--task", "binary", "--label",
        "y", "--score", "pred.score", "--output", out.toString()), cli.err());
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("metrics");
    assertEquals(1, m.get("tp").asLong());
    assertEquals(1, m.get("tn").asLong());
  }

  @Test
  void aNameThatIsNeitherIsRefusedWithTheStructsFields() throws Exception {
    assertEquals(3, cli.run("evaluate", "--input", data.resolve("rows.json").toString(), "--format", "json", "--task",
        "binary", "--label", "y", "--score", "pred.probability", "--output", dir.resolve("out").toString()));
    assertEquals("error: the score column 'pred.probability' does not exist; the input has columns: ctx (ctx.geo),"
        + " pred (pred.model, pred.score), y", cli.error());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void trainAndPredictReadFeaturesFromStructFieldsAsFromColumns() throws Exception {
    Random r = new Random(12);
    StringBuilder nested = new StringBuilder();
    StringBuilder flat = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      double x1 = Math.round(r.nextGaussian() * 1000) / 1000.0;
      double x2 = Math.round(r.nextGaussian() * 1000) / 1000.0;
      int y = r.nextDouble() < 1 / (1 + Math.exp(-(x1 - x2))) ? 1 : 0;
      nested.append(String.format(Locale.ROOT, "{\"id\": %d, \"f\": {\"x1\": %s, \"x2\": %s}, \"y\": %d}%n", i, x1, x2, y));
      flat.append(String.format(Locale.ROOT, "{\"id\": %d, \"x1\": %s, \"x2\": %s, \"y\": %d}%n", i, x1, x2, y));
    }
    Path nestedRows = Files.writeString(dir.resolve("nested.json"), nested);
    Path flatRows = Files.writeString(dir.resolve("flat.json"), flat);
    String[] common = {"--format", "json", "--label", "y", "--loss", "binary_cross_entropy", "--epochs", "2",
        "--batch-size", "32", "--learning-rate", "0.05"};
    assertEquals(0, cli.run(args(common, "train", "--input", nestedRows.toString(), "--features", "f.x1,f.x2",
        "--output", dir.resolve("nested-model").toString())), cli.err());
    assertEquals(0, cli.run(args(common, "train", "--input", flatRows.toString(), "--features", "x1,x2",
        "--output", dir.resolve("flat-model").toString())), cli.err());
    JsonNode nestedModel = new ObjectMapper().readTree(dir.resolve("nested-model/model.json").toFile());
    JsonNode flatModel = new ObjectMapper().readTree(dir.resolve("flat-model/model.json").toFile());
    assertEquals("[\"f.x1\",\"f.x2\"]", nestedModel.get("features").get("columns").toString());
    assertEquals(flatModel.get("architecture"), nestedModel.get("architecture"), "the same rows train the same model");

    assertEquals(0, cli.run("predict", "--model", dir.resolve("nested-model").toString(), "--input",
        nestedRows.toString(), "--format", "json", "--output", dir.resolve("nested-predictions").toString()), cli.err());
    assertEquals(0, cli.run("predict", "--model", dir.resolve("flat-model").toString(), "--input",
        flatRows.toString(), "--format", "json", "--output", dir.resolve("flat-predictions").toString()), cli.err());
    Dataset<Row> predicted = TestSpark.session().read().parquet(dir.resolve("nested-predictions").toString());
    assertEquals(List.of("f", "id", "y", "score", "prediction"), Arrays.asList(predicted.columns()),
        "the input's columns as they were, then the predictions");
    Dataset<Row> reference = TestSpark.session().read().parquet(dir.resolve("flat-predictions").toString());
    assertEquals(reference.select("id", "score").orderBy("id").collectAsList(),
        predicted.select("id", "score").orderBy("id").collectAsList());
  }

  private static String[] args(String[] common, String... first) {
    List<String> out = new ArrayList<>(Arrays.asList(first));
    out.addAll(Arrays.asList(common));
    return out.toArray(new String[0]);
  }

  private static long truePositives(List<double[]> rows) {
    return rows.stream().filter(row -> row[0] == 1 && row[1] >= 0.5).count();
  }

  /** ROC AUC by counting every (positive, negative) pair: 1 where the positive scores higher, 1/2 on a tie. */
  private static double pairCountAuc(List<double[]> rows) {
    double wins = 0;
    long pairs = 0;
    for (double[] p : rows) {
      for (double[] n : rows) {
        if (p[0] == 1 && n[0] == 0) {
          wins += p[1] > n[1] ? 1 : p[1] == n[1] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return wins / pairs;
  }
}
