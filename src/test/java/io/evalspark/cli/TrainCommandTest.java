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
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, predict and evaluate through the command line, on a small CSV. */
class TrainCommandTest {
  @TempDir static Path data;
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  /** 400 rows: x1, x2, a label drawn from sigmoid(x1 - x2), and a label of 3 on row 7 of a second file. */
  @BeforeAll
  static void writeRows() throws Exception {
    TestSpark.session();
    Random r = new Random(4);
    StringBuilder csv = new StringBuilder("x1,x2,y,t\n");
    StringBuilder bad = new StringBuilder("x1,x2,y,t\n");
    for (int i = 0; i < 400; i++) {
      double x1 = r.nextGaussian();
      double x2 = r.nextGaussian();
      int y = r.nextDouble() < 1 / (1 + Math.exp(-(x1 - x2))) ? 1 : 0;
      csv.append(x1).append(',').append(x2).append(',').append(y).append(',').append(2 * x1 + 1).append('\n');
      bad.append(x1).append(',').append(i == 9 ? "" : String.valueOf(x2)).append(',').append(i == 7 ? 3 : y)
          .append(',').append(2 * x1 + 1).append('\n');
    }
    Files.writeString(data.resolve("rows.csv"), csv);
    Files.writeString(data.resolve("bad.csv"), bad);
  }

  private int run(String... args) {
    return cli.run(args);
  }

  private String[] train(String file, Path output, String... extra) {
    List<String> args = new ArrayList<>(Arrays.asList("train", "--input", data.resolve(file).toString(), "--format", "csv",
        "--features", "x1,x2", "--label", "y", "--loss", "binary_cross_entropy", "--epochs", "3", "--batch-size", "64",
        "--learning-rate", "0.05", "--output", output.toString()));
    args.addAll(Arrays.asList(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void trainPrintsKerasEpochLinesAndWritesModelAndHistory() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model, "--validation-split", "0.25", "--metrics", "auc,accuracy,err=abs(y - p)",
        "--early-stopping", "monitor=val_auc,patience=5,restore_best_weights=true")), cli.err());
    Pattern line = Pattern.compile("Epoch 2/3 - \\d+\\.\\ds - loss: \\d\\.\\d{4} - auc: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
        + " - err: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_auc: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4} - val_err: \\d\\.\\d{4}");
    assertTrue(line.matcher(cli.out()).find(), cli.out());
    JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    assertEquals("evalspark-model", m.get("format").asText());
    assertEquals("binary", m.get("task").asText());
    assertEquals("[\"x1\",\"x2\"]", m.get("features").get("columns").toString());
    assertEquals("sigmoid", m.get("architecture").get("layers").get(0).get("activation").asText());
    assertEquals(2, m.get("architecture").get("layers").get(0).get("kernel").get(0).size());
    assertEquals("adam", m.get("training").get("optimizer").asText());
    assertEquals(400, m.get("training").get("train_rows").asLong() + m.get("training").get("validation_rows").asLong());
    JsonNode history = new ObjectMapper().readTree(model.resolve("history.json").toFile());
    assertEquals(3, history.get("val_auc").size());
    List<String> csv = Files.readAllLines(model.resolve("history.csv"));
    assertEquals("epoch,seconds,loss,auc,accuracy,err,val_loss,val_auc,val_accuracy,val_err", csv.get(0));
    assertEquals(4, csv.size());
    assertTrue(csv.get(3).startsWith("3,"), csv.get(3));
    String report = Files.readString(model.resolve("report.html"));
    for (String curve : List.of("loss", "auc", "accuracy", "err")) {
      assertTrue(report.contains("alt=\"" + curve + " per epoch\""), curve);
    }
  }

  @Test
  void kerasMetricClassNamesAreWatchedAndMonitoredUnderKerasNamesForTheSameValues() throws Exception {
    Path keras = dir.resolve("keras");
    assertEquals(0, run(train("rows.csv", keras, "--validation-split", "0.25", "--metrics", "AUC,BinaryAccuracy",
        "--early-stopping", "monitor=val_auc,patience=5")), cli.err());
    assertTrue(Pattern.compile("Epoch 3/3 - .* - auc: \\d\\.\\d{4} - binary_accuracy: \\d\\.\\d{4} - val_loss: .*"
        + " - val_auc: \\d\\.\\d{4} - val_binary_accuracy: \\d\\.\\d{4}").matcher(cli.out()).find(), cli.out());
    Path ours = dir.resolve("ours");
    assertEquals(0, run(train("rows.csv", ours, "--validation-split", "0.25", "--metrics", "roc_auc,accuracy",
        "--early-stopping", "monitor=val_roc_auc,patience=5")), cli.err());
    JsonNode theirs = new ObjectMapper().readTree(keras.resolve("history.json").toFile());
    JsonNode same = new ObjectMapper().readTree(ours.resolve("history.json").toFile());
    assertEquals(3, theirs.get("val_auc").size());
    assertEquals(3, theirs.get("binary_accuracy").size());
    assertEquals(same.get("val_roc_auc"), theirs.get("val_auc"));
    assertEquals(same.get("accuracy"), theirs.get("binary_accuracy"));
    assertEquals(same.get("val_loss"), theirs.get("val_loss"));
  }

  @Test
  void earlyStoppingOnSignificantImprovementsStopsWhereTheRuleSays() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model, "--validation-split", "0.25", "--metrics", "auc", "--epochs", "12",
        "--learning-rate", "0.01", "--early-stopping", "monitor=val_auc,patience=2,min_delta=significant")), cli.err());
    JsonNode history = new ObjectMapper().readTree(model.resolve("history.json").toFile());
    JsonNode auc = history.get("val_auc");
    JsonNode stderr = history.get("val_auc_stderr");
    assertEquals(auc.size(), stderr.size());
    // the rule, by hand: an epoch counts when it beats the best by more than 1.96 of its own standard errors
    double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
        .inverseCumulativeProbability(0.975);
    double best = Double.NEGATIVE_INFINITY;
    int wait = 0;
    int stop = -1;
    boolean small = false;
    for (int e = 0; e < auc.size() && stop < 0; e++) {
      assertTrue(stderr.get(e).asDouble() > 0.01, "100 validation rows: an AUC's error is several hundredths");
      wait++;
      if (auc.get(e).asDouble() - z * stderr.get(e).asDouble() > best) {
        best = auc.get(e).asDouble();
        wait = 0;
      } else {
        small |= auc.get(e).asDouble() > best; // an improvement smaller than its error
        if (wait >= 2 && e > 0) {
          stop = e;
        }
      }
    }
    assertTrue(stop > 0 && stop < 11, "the rule stops within the 12 epochs: " + auc + " " + stderr);
    assertTrue(small, "some epoch improved by less than its error: " + auc);
    assertEquals(stop + 1, auc.size(), "training ran to the epoch the rule stops at");
    JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    assertEquals(0.95, m.get("training").get("confidence").asDouble());
    assertEquals(stop + 1, m.get("training").get("stopped_epoch").asInt());
  }

  @Test
  void predictWritesWhatEvaluateReadsAndEvaluateAgreesWithTheTrainingLoss() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    JsonNode history = new ObjectMapper().readTree(model.resolve("history.json").toFile());
    double finalLoss = history.get("loss").get(2).asDouble();
    String predictions = dir.resolve("predictions").toString();
    assertEquals(0, run("predict", "--model", model.toString(), "--input", data.resolve("rows.csv").toString(),
        "--format", "csv", "--output", predictions), cli.err());
    SparkSession spark = TestSpark.session();
    List<Row> rows = spark.read().parquet(predictions).select("y", "score", "prediction").collectAsList();
    assertEquals(400, rows.size());
    for (Row r : rows) {
      assertEquals(r.getDouble(1) >= 0.5 ? 1.0 : 0.0, r.getDouble(2));
    }
    assertEquals(0, run("evaluate", "--input", predictions, "--task", "binary", "--label", "y", "--score", "score",
        "--output", dir.resolve("eval").toString()), cli.err());
    JsonNode report = new ObjectMapper().readTree(dir.resolve("eval/metrics.json").toFile());
    // The trainer's loss and evaluate's log loss are the same mean over the same 400 rows, reached by two paths.
    assertEquals(finalLoss, report.get("metrics").get("log_loss").asDouble(), 1e-9);
  }

  /** The rows of rows.csv with semicolons between their values train the same model, and predict the same scores. */
  @Test
  void trainAndPredictReadACsvOfSemicolonsWithSeparator() throws Exception {
    Path semicolons = Files.writeString(dir.resolve("semicolons.csv"),
        Files.readString(data.resolve("rows.csv")).replace(',', ';'));
    Path commaModel = dir.resolve("comma");
    Path model = dir.resolve("semicolon");
    assertEquals(0, run(train("rows.csv", commaModel)), cli.err());
    String[] args = train("rows.csv", model, "--separator", ";");
    args[2] = semicolons.toString();
    assertEquals(0, run(args), cli.err());
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(commaModel.resolve("model.json").toFile()).get("architecture"),
        json.readTree(model.resolve("model.json").toFile()).get("architecture"));
    Path predictions = dir.resolve("predictions");
    assertEquals(0, run("predict", "--model", model.toString(), "--input", semicolons.toString(), "--format", "csv",
        "--separator", ";", "--output", predictions.toString()), cli.err());
    Path commaPredictions = dir.resolve("comma-predictions");
    assertEquals(0, run(predict(commaModel, "rows.csv", commaPredictions)), cli.err());
    SparkSession spark = TestSpark.session();
    assertEquals(spark.read().parquet(commaPredictions.toString()).select("x1", "score").sort("x1").collectAsList(),
        spark.read().parquet(predictions.toString()).select("x1", "score").sort("x1").collectAsList());
    // a CSV written from it is of the input's separator, where it was of commas whatever the input's
    Path csv = dir.resolve("csv-predictions");
    assertEquals(0, run("predict", "--model", model.toString(), "--input", semicolons.toString(), "--format", "csv",
        "--separator", ";", "--output", csv.toString(), "--output-format", "csv"), cli.err());
    try (var files = Files.list(csv)) {
      Path part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      assertTrue(Files.readString(part).startsWith("x1;x2;y;t;score;"), Files.readString(part).lines().findFirst()
          .orElse(""));
    }
  }

  /** A training whose files cannot all be written leaves the files of the training before, every one. */
  @Test
  void aTrainingThatCannotWriteAllItsFilesLeavesTheOnesBefore() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    Files.delete(model.resolve("report.html"));
    Files.createDirectory(model.resolve("report.html"));
    Map<String, String> before = new TreeMap<>();
    try (var files = Files.list(model)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        before.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    assertEquals(1, run(train("rows.csv", model, "--epochs", "2")));
    assertEquals("error: cannot write file:" + model.resolve("report.html") + ": a folder of that name is in the way",
        cli.error());
    Map<String, String> after = new TreeMap<>();
    try (var files = Files.list(model)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        after.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    assertEquals(before, after, "model.json, history.json and history.csv are the first training's; nothing is left aside");
  }

  /**
   * A network of more weights than are trained is refused, naming its shape and count: 2 inputs to
   * 50,000 units (100,000 weights and 50,000 biases), to 50,000 (2.5e9 and 50,000), to 1 (50,000 and
   * 1); 2 inputs to a softmax of 1e9 classes, 3e9. Their counts overflowed an int before.
   */
  @Test
  void aNetworkOfTooManyWeightsIsRefused() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(2, run(train("rows.csv", model, "--hidden", "50000,50000")));
    assertEquals("error: a network of 2 inputs and layers of 50000, 50000, 1 units has " + (100_000L + 50_000
        + 2_500_000_000L + 50_000 + 50_000 + 1) + " weights and biases; at most 100000000 are trained (800 MB a copy,"
        + " of which training keeps several): give --hidden fewer units", cli.error());
    String[] softmax = train("rows.csv", model, "--classes", "1000000000");
    softmax[Arrays.asList(softmax).indexOf("binary_cross_entropy")] = "categorical_cross_entropy";
    assertEquals(2, run(softmax));
    assertEquals("error: a network of 2 inputs and layers of 1000000000 units has 3000000000 weights and biases; at"
        + " most 100000000 are trained (800 MB a copy, of which training keeps several): give --hidden fewer units,"
        + " or fewer --classes", cli.error());
    assertFalse(Files.exists(model));
  }

  @Test
  void anOutputUnderAFileIsRefusedBeforeTraining() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    assertEquals(2, run(train("rows.csv", file.resolve("model"))));
    assertEquals("error: --output " + file.resolve("model") + " cannot be made: " + file.toUri().toString()
        .replace("file:///", "file:/") + " is a file, not a folder", cli.error());
    assertFalse(cli.out().contains("Epoch"), "no training: " + cli.out());
  }

  /** predict's arguments: the model at {@code model} over the CSV {@code file}, into {@code output}. */
  private static String[] predict(Path model, String file, Path output) {
    return new String[] {"predict", "--model", model.toString(), "--input", data.resolve(file).toString(), "--format",
        "csv", "--output", output.toString()};
  }

  @Test
  void anArrayOfFeaturesIsTakenByFeaturesColAndRefusedByACsvOutput() throws Exception {
    // an input's array column (the features of --features-col) failed the write as an internal error (exit 1)
    Path rows = dir.resolve("arrays");
    TestSpark.session().read().option("header", "true").option("inferSchema", "true").csv(data.resolve("rows.csv")
        .toString()).selectExpr("array(x1, x2) AS f", "y").write().parquet(rows.toString());
    Path model = dir.resolve("array-model");
    // --features of the array column failed as a column of the wrong type (exit 3), not saying which option takes it
    assertEquals(2, run("train", "--input", rows.toString(), "--features", "f", "--label", "y", "--loss",
        "binary_cross_entropy", "--epochs", "1", "--output", model.toString()), cli.err());
    assertEquals("error: --features f names a column of many features (a vector or an array), where --features takes"
        + " one numeric column per feature; give it as --features-col f", cli.error());
    assertEquals(0, run("train", "--input", rows.toString(), "--features-col", "f", "--label", "y", "--loss",
        "binary_cross_entropy", "--epochs", "1", "--output", model.toString()), cli.err());
    Path out = dir.resolve("array-predictions");
    assertEquals(2, run("predict", "--model", model.toString(), "--input", rows.toString(), "--output", out.toString(),
        "--output-format", "csv"), cli.err());
    assertEquals("error: --output-format csv cannot hold the column 'f' of type array<double>; write parquet, orc or"
        + " json instead", cli.error());
    assertFalse(Files.exists(out));
    assertEquals(0, run("predict", "--model", model.toString(), "--input", rows.toString(), "--output", out.toString(),
        "--output-format", "json"), cli.err());
    assertEquals(400, TestSpark.session().read().json(out.toString()).where("score IS NOT NULL").count());
  }

  @Test
  void predictSaysHowManyRowsGotNoPrediction() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    Path all = dir.resolve("all");
    assertEquals(0, run(predict(model, "rows.csv", all)), cli.err());
    assertTrue(cli.out().trim().matches("wrote file:/+" + Pattern.quote(all.toString().substring(1))), cli.out());
    // bad.csv's row 9 has no x2
    Path some = dir.resolve("some");
    assertEquals(0, run(predict(model, "bad.csv", some)), cli.err());
    assertTrue(cli.out().trim().endsWith(" (1 of 400 rows without a prediction: their features are null, NaN or"
        + " infinite, or a vector of another length than the model's)"), cli.out());
    assertEquals(1, TestSpark.session().read().parquet(some.toString()).where("prediction is null").count());
  }

  @Test
  void predictReplacesAnExistingOutputOnlyWhenToldAndNeverTheModelOrTheInput() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    String modelJson = Files.readString(model.resolve("model.json"));
    Path predictions = dir.resolve("predictions");
    String[] predict = {"predict", "--model", model.toString(), "--input", data.resolve("rows.csv").toString(),
        "--format", "csv", "--output", predictions.toString()};
    assertEquals(0, run(predict), cli.err());
    Path kept = Files.writeString(predictions.resolve("kept.txt"), "a file of the user's");

    assertEquals(2, run(predict));
    assertEquals("error: --output " + predictions + " already exists; give --overwrite to replace it, or another path",
        cli.error());
    assertTrue(Files.exists(kept), "left as it was");

    String[] replace = Arrays.copyOf(predict, predict.length + 1);
    replace[predict.length] = "--overwrite";
    assertEquals(0, run(replace), cli.err());
    assertFalse(Files.exists(kept), "replaced");
    assertEquals(400, TestSpark.session().read().parquet(predictions.toString()).count());
    try (var beside = Files.list(dir)) {
      assertEquals(List.of(), beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "nothing left beside it");
    }

    for (Path holder : List.of(model, dir)) {
      assertEquals(2, run("predict", "--model", model.toString(), "--input", data.resolve("rows.csv").toString(),
          "--format", "csv", "--output", holder.toString(), "--overwrite"));
      assertTrue(cli.err().contains("error: --output " + holder + " holds the model ("), cli.err());
    }
    assertEquals(modelJson, Files.readString(model.resolve("model.json")), "the model is untouched");
    assertEquals(2, run("predict", "--model", model.toString(), "--input", predictions.toString(),
        "--output", predictions.toString(), "--overwrite", "--replace-columns"));
    assertTrue(cli.err().contains("error: --output " + predictions + " holds the input ("), cli.err());
    assertEquals(400, TestSpark.session().read().parquet(predictions.toString()).count());
  }

  @Test
  void aModelFileCutShortIsReportedInOneLine() throws Exception {
    Path model = Files.createDirectories(dir.resolve("cut"));
    Files.writeString(model.resolve("model.json"), "{\"format\": \"evalspark-model\",\n \"weights\": [[0.5,");
    assertEquals(3, run("predict", "--model", model.toString(), "--input", data.resolve("rows.csv").toString(),
        "--format", "csv", "--output", dir.resolve("p").toString()));
    String error = cli.error();
    assertTrue(error.matches("error: cannot read the model \\S*model.json: not JSON: Unexpected end-of-input.* at line 2,"
        + " column \\d+"), error);
    assertFalse(Files.exists(dir.resolve("p")));
  }

  @Test
  void aModelFileEditedIntoNoModelIsRefusedNamingWhatIsWrong() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    String written = Files.readString(model.resolve("model.json"));
    ObjectMapper json = new ObjectMapper();
    String no = "does not describe a model: ";
    Map<String, String> edits = Map.ofEntries(
        Map.entry("holds a standardisation scale of 0.0; scales are above 0", "/standardization/scales/0=0"),
        Map.entry("holds a weight of \"x\"; expected a finite number", "/architecture/layers/0/bias/0=\"x\""),
        Map.entry("holds a standardisation mean of null; expected a finite number", "/standardization/means/1=null"),
        Map.entry(no + "'cubic' is not an activation; expected one of [linear, relu, tanh, sigmoid, softmax,"
            + " exponential]", "/architecture/layers/0/activation=\"cubic\""),
        // each of these predicted (or failed as an internal error) before the shapes and names were checked
        Map.entry(no + "its features name a column twice: [x1, x1]", "/features/columns/1=\"x1\""),
        Map.entry(no + "its features name 2 columns and have size 3", "/features/size=3"),
        Map.entry(no + "its features name neither feature columns nor a vector column", "/features/columns=null"),
        Map.entry(no + "it has no layers", "/architecture/layers=[]"),
        Map.entry(no + "layer 1 of 1 units over 2 inputs needs a kernel of 1 rows of 2 weights and a bias of 1",
            "/architecture/layers/0/kernel/0=[0.1]"),
        Map.entry(no + "layer 1 has 0 units; every layer has at least 1", "/architecture/layers/0/units=0"),
        Map.entry(no + "a logistic output predicts for a binary task, not a regression one", "/task=\"regression\""),
        Map.entry(no + "'bogus' is not a task; expected one of", "/task=\"bogus\""),
        Map.entry(no + "its task is ranking; a model's is binary, multiclass or regression", "/task=\"ranking\""),
        Map.entry(no + "the last layer's activation is relu; a logistic output's is sigmoid",
            "/architecture/layers/0/activation=\"relu\""),
        Map.entry(no + "the last layer has 2 units; a binary model's has 1", "/architecture/layers/0/units=2"
            + " & /architecture/layers/0/kernel=[[0.1, 0.2], [0.3, 0.4]] & /architecture/layers/0/bias=[0, 0]"));
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      JsonNode tree = json.readTree(written);
      for (String change : edit.getValue().split(" & ")) {
        String[] pointer = change.split("=", 2);
        String parent = pointer[0].substring(0, pointer[0].lastIndexOf('/'));
        String last = pointer[0].substring(pointer[0].lastIndexOf('/') + 1);
        JsonNode value = json.readTree(pointer[1]);
        if (tree.at(parent).isArray()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) tree.at(parent)).set(Integer.parseInt(last), value);
        } else {
          ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at(parent)).set(last, value);
        }
      }
      Path edited = Files.createDirectories(dir.resolve("edited"));
      Files.writeString(edited.resolve("model.json"), json.writeValueAsString(tree));
      assertEquals(3, run("predict", "--model", edited.toString(), "--input", data.resolve("rows.csv").toString(),
          "--format", "csv", "--output", dir.resolve("p").toString()), edit.getValue());
      assertTrue(cli.error().matches("error: \\S*model.json " + Pattern.quote(edit.getKey()) + ".*"),
          cli.error());
      assertFalse(Files.exists(dir.resolve("p")));
    }
  }

  @Test
  void predictReplacesInputColumnsOfItsOutputsNamesOnlyWhenTold() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    Path first = dir.resolve("first");
    assertEquals(0, run(predict(model, "rows.csv", first)), cli.err());
    SparkSession spark = TestSpark.session();
    Path stale = dir.resolve("stale"); // the first predictions with the scores of some other model
    spark.read().parquet(first.toString()).withColumn("score", functions.lit(-1.0)).write().parquet(stale.toString());
    Path again = dir.resolve("again");
    assertEquals(2, run("predict", "--model", model.toString(), "--input", stale.toString(), "--output",
        again.toString()));
    assertEquals("error: the input already has the columns 'score', 'prediction', which predict writes (score,"
        + " prediction); give --replace-columns to write the predictions in place of them", cli.error());
    assertFalse(Files.exists(again), "nothing written");
    assertEquals(0, run("predict", "--model", model.toString(), "--input", stale.toString(), "--output",
        again.toString(), "--replace-columns"), cli.err());
    Dataset<Row> written = spark.read().parquet(again.toString());
    assertEquals(List.of(spark.read().parquet(first.toString()).columns()), List.of(written.columns()));
    Dataset<Row> expected = spark.read().parquet(first.toString()).selectExpr("x1 AS ex1", "x2 AS ex2",
        "score AS expected");
    assertEquals(400, written.join(expected, written.col("x1").equalTo(expected.col("ex1"))
        .and(written.col("x2").equalTo(expected.col("ex2")))).where("score = expected").count(),
        "every score the model's, none the stale -1");
  }

  @Test
  void trainingWatchesEveryBinaryMetricOfTheCatalogue() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("rows.csv", model, "--metrics",
        "roc_auc_lower,average_precision_upper,fbeta,precision_at_recall_0.90,max_f1", "--beta", "2")), cli.err());
    JsonNode history = new ObjectMapper().readTree(model.resolve("history.json").toFile());
    String predictions = dir.resolve("predictions").toString();
    assertEquals(0, run("predict", "--model", model.toString(), "--input", data.resolve("rows.csv").toString(),
        "--format", "csv", "--output", predictions), cli.err());
    assertEquals(0, run("evaluate", "--input", predictions, "--task", "binary", "--label", "y", "--score", "score",
        "--beta", "2", "--at", "recall=0.9", "--output", dir.resolve("eval").toString()), cli.err());
    JsonNode report = new ObjectMapper().readTree(dir.resolve("eval/metrics.json").toFile()).get("metrics");
    // The last epoch's metrics are of the final weights over the same 400 rows that evaluate reads.
    for (String metric : List.of("roc_auc_lower", "average_precision_upper", "fbeta", "precision_at_recall_0.9",
        "max_f1")) {
      // a target is shown as given (0.90, as Keras shows names) and computed as --at recall=0.9 names it
      String watched = metric.replace("0.9", "0.90");
      assertEquals(report.get(metric).asDouble(), history.get(watched).get(2).asDouble(), 1e-9, metric);
    }
    assertEquals(2, run(train("rows.csv", dir.resolve("m2"), "--metrics", "fbeta")));
    assertTrue(cli.err().contains("fbeta needs --beta"), cli.err());
  }

  @Test
  void rowsTheLossCannotTakeFailTheRunWithCountsAndNothingIsWritten() {
    Path model = dir.resolve("model");
    assertEquals(3, run(train("bad.csv", model)));
    String e = cli.err();
    assertTrue(e.contains("2 rows of the input cannot be trained on"), e);
    assertTrue(e.contains("1 × the label column 'y' holds a value that binary_cross_entropy cannot take: expected 0 or 1"), e);
    assertTrue(e.contains("1 × the feature column 'x2' is null"), e);
    assertFalse(Files.exists(model));
  }

  @Test
  void aColumnMissingFromTheValidationRowsIsNamedAsTheirs() throws Exception {
    Path validation = Files.writeString(dir.resolve("validation.csv"), "x1,x2,z\n0.1,0.2,1\n");
    Path model = dir.resolve("model");
    assertEquals(3, run(train("rows.csv", model, "--validation", validation.toString())));
    assertEquals("error: the validation input (--validation): the label column 'y' does not exist; the input has"
        + " columns: x1, x2, z", cli.error());
    assertFalse(Files.exists(model));
  }

  @Test
  void aHeaderOnlyCsvIsSaidToHoldNoRowsNotColumnsOfTheWrongType() throws Exception {
    Path empty = Files.writeString(Files.createDirectories(dir.resolve("empty")).resolve("empty.csv"), "x1,x2,y\n");
    Path model = dir.resolve("model");
    String typed = "(the feature column 'x1' has type string; expected a numeric or boolean column)";
    List<String> fromEmpty = new ArrayList<>(Arrays.asList(train("rows.csv", model)));
    fromEmpty.set(fromEmpty.indexOf("--input") + 1, empty.toString());
    assertEquals(3, run(fromEmpty.toArray(new String[0])));
    assertEquals("error: no rows to train on: the input has none, so its columns cannot be read as numbers " + typed,
        cli.error());
    assertFalse(Files.exists(model));
    assertEquals(3, run(train("rows.csv", model, "--validation", empty.toString())));
    assertEquals("error: the validation input (--validation): no rows to validate on: the input has none, so its"
        + " columns cannot be read as numbers " + typed, cli.error());
    assertFalse(Files.exists(model));
    assertEquals(0, run(train("rows.csv", model)), cli.err());
    Path predictions = dir.resolve("predictions");
    assertEquals(3, run("predict", "--model", model.toString(), "--input", empty.toString(), "--format", "csv",
        "--output", predictions.toString()));
    assertEquals("error: no rows to predict: the input has none, so its columns cannot be read as numbers " + typed,
        cli.error());
    assertFalse(Files.exists(predictions));
  }

  @Test
  void aValidationSplitThatSetsAsideAllRowsOrNoneIsRefusedAndSaysSo() throws Exception {
    Path model = dir.resolve("model");
    // Each of the 400 rows is drawn for validation with the split's probability: with seed 1 every
    // row is drawn at 0.9999 and none at 0.0001.
    assertEquals(3, run(train("rows.csv", model, "--validation-split", "0.9999")));
    assertEquals("error: --validation-split 0.9999 set aside all 400 usable rows of the input for validation (each row"
        + " is drawn with that probability), leaving no rows to train on; give a smaller split, or --validation PATH",
        cli.error());
    assertFalse(Files.exists(model));
    assertEquals(3, run(train("rows.csv", model, "--validation-split", "0.0001")));
    assertEquals("error: --validation-split 0.0001 set aside none of the 400 usable rows of the input for validation"
        + " (each row is drawn with that probability), leaving no rows to validate on; give a larger split, or"
        + " --validation PATH", cli.error());
    assertFalse(Files.exists(model));
  }

  @Test
  void rowsThatAllWeighNothingAreRefusedAsNothingToTrainOnNotAsADivergedLoss() throws Exception {
    Path weighed = Files.createDirectories(dir.resolve("weighed"));
    StringBuilder rows = new StringBuilder("x1,x2,y,w\n");
    StringBuilder weightless = new StringBuilder("x1,x2,y,w\n");
    for (int i = 0; i < 60; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append(",1\n");
      weightless.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append(",0\n");
    }
    Path some = Files.writeString(weighed.resolve("rows.csv"), rows);
    Path none = Files.writeString(weighed.resolve("weightless.csv"), weightless);
    Path model = dir.resolve("model");
    List<String> args = new ArrayList<>(Arrays.asList(train("rows.csv", model, "--weight", "w")));
    args.set(args.indexOf("--input") + 1, none.toString());
    assertEquals(3, run(args.toArray(new String[0])));
    assertEquals("error: every one of the input's 60 training rows weighs 0 (--weight): there is nothing to train on",
        cli.error());
    assertFalse(Files.exists(model));
    args.set(args.indexOf("--input") + 1, some.toString());
    args.addAll(List.of("--validation", none.toString()));
    assertEquals(3, run(args.toArray(new String[0])));
    assertEquals("error: every one of the validation input's 60 rows weighs 0 (--weight): there is nothing to validate"
        + " on", cli.error());
    assertFalse(Files.exists(model));
  }

  @Test
  void weightsThatAddUpBeyondADoubleAreRefusedNotTakenForADivergedLoss() throws Exception {
    // rows of weight 1e308: training stopped at its first step saying the loss became NaN, and to lower the rate
    Path heavy = Files.createDirectories(dir.resolve("heavy"));
    StringBuilder rows = new StringBuilder("x1,x2,y,w\n");
    for (int i = 0; i < 60; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append(",1e308\n");
    }
    Path file = Files.writeString(heavy.resolve("rows.csv"), rows);
    Path model = dir.resolve("heavy-model");
    List<String> args = new ArrayList<>(Arrays.asList(train("rows.csv", model, "--weight", "w")));
    args.set(args.indexOf("--input") + 1, file.toString());
    assertEquals(3, run(args.toArray(new String[0])), cli.err());
    assertEquals("error: weights too large: the weights (--weight) of the input's training rows add up to more than a"
        + " double holds (about 1.8e308), over which every loss and metric is undefined; divide the weight column by a"
        + " constant", cli.error());
    assertFalse(Files.exists(model));
  }

  @Test
  void aBetaOrHuberDeltaOutOfRangeIsRefusedBeforeTrainingNotInATask() throws Exception {
    Path model = dir.resolve("model");
    for (String beta : new String[] {"1e400", "-1", "0", "NaN"}) { // each failed a Spark task as an internal error
      assertEquals(2, run(train("rows.csv", model, "--metrics", "fbeta", "--beta", beta)), beta);
      assertEquals("error: --beta: beta must be a positive finite number, got " + Double.parseDouble(beta),
          cli.error());
      assertFalse(Files.exists(model), beta);
    }
    for (String delta : new String[] {"-1", "0", "Infinity"}) { // the regression state's Huber delta, loss mse
      List<String> args = new ArrayList<>(Arrays.asList(train("rows.csv", model, "--huber-delta", delta)));
      args.set(args.indexOf("--loss") + 1, "mse");
      assertEquals(2, run(args.toArray(new String[0])), delta);
      assertEquals("error: --huber-delta: Huber delta must be a positive finite number, got "
          + Double.parseDouble(delta), cli.error());
      assertFalse(Files.exists(model), delta);
    }
  }

  @Test
  void aLearningRateThatIsNoPositiveNumberIsRefusedNotReadAsTheDefault() throws Exception {
    Path model = dir.resolve("model");
    for (String rate : new String[] {"NaN", "0", "-0.1", "Infinity"}) {
      List<String> args = new ArrayList<>(Arrays.asList(train("rows.csv", model)));
      args.set(args.indexOf("--learning-rate") + 1, rate);
      assertEquals(2, run(args.toArray(new String[0])), rate);
      assertEquals("error: --learning-rate must be a positive number; got " + Double.parseDouble(rate), cli.error());
      assertFalse(Files.exists(model), rate);
    }
  }

  @Test
  void classesAndActivationAreRefusedWhereTheyWouldNotBeUsed() throws Exception {
    Path model = dir.resolve("model");
    for (String classes : new String[] {"0", "1", "-3"}) {
      // 0 stood for "not given" and learned the classes; 1 would leave every label above 0 untrainable
      List<String> args = new ArrayList<>(Arrays.asList(train("rows.csv", model, "--classes", classes)));
      args.set(args.indexOf("--loss") + 1, "categorical_cross_entropy");
      assertEquals(2, run(args.toArray(new String[0])), classes);
      assertEquals("error: --classes must be at least 2, got " + classes, cli.error());
    }
    assertEquals(2, run(train("rows.csv", model, "--classes", "3")));
    assertEquals("error: --classes applies to a softmax model (categorical cross-entropy), not to a binary one; leave"
        + " it out", cli.error());
    assertEquals(2, run(train("rows.csv", model, "--activation", "tanh")));
    assertEquals("error: --activation applies to hidden layers, and the model has none (give --hidden, for example"
        + " --hidden 16), or leave it out", cli.error());
    assertFalse(Files.exists(model));
    assertEquals(0, run(train("rows.csv", model, "--activation", "tanh", "--hidden", "4")), cli.err());
  }

  @Test
  void aWatchedNameGivenTwiceIsRefusedWhereItWouldBeOneColumnOfTheHistoryForTwoValues() throws Exception {
    Path model = dir.resolve("model");
    for (String metrics : new String[] {"auc,accuracy,auc", "auc,auc=abs(y - p)"}) {
      assertEquals(2, run(train("rows.csv", model, "--metrics", metrics)), metrics);
      assertEquals("error: --metrics names 'auc' twice; name each metric once", cli.error(), metrics);
      assertFalse(Files.exists(model));
    }
  }

  @Test
  void skippingInvalidRowsTrainsOnTheRest() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("bad.csv", model, "--on-invalid", "skip")), cli.err());
    JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    assertEquals(398, m.get("training").get("train_rows").asLong());
  }

  @Test
  void skippedRowsAreCountedOnTheConsoleAndInTheModel() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run(train("bad.csv", model, "--on-invalid", "skip")), cli.err());
    assertTrue(cli.out().contains("skipped 2 rows that cannot be trained on"), cli.out());
    JsonNode training = new ObjectMapper().readTree(model.resolve("model.json").toFile()).get("training");
    assertEquals(2, training.get("skipped_rows").asLong());
    long byReason = 0;
    for (JsonNode n : training.get("skipped_by_reason")) {
      byReason += n.asLong();
    }
    assertEquals(2, byReason);
  }

  @Test
  void aLossThatGrowsWithoutBoundButStaysFiniteStopsTheRun() {
    Path model = dir.resolve("model");
    // Squared error with plain SGD at rate 3 on standardised features: every step multiplies the error.
    assertEquals(1, run("train", "--input", data.resolve("rows.csv").toString(), "--format", "csv", "--features", "x1",
        "--label", "t", "--loss", "mse", "--optimizer", "sgd", "--learning-rate", "3", "--epochs", "3",
        "--batch-size", "64", "--output", model.toString()));
    assertTrue(cli.err().contains("more than --divergence-factor"), cli.err());
    assertTrue(cli.err().contains("training stopped and nothing was written"), cli.err());
    assertFalse(Files.exists(model));
  }

  @Test
  void aLossThatTurnsNanStopsTheRunAndWritesNothing() {
    Path model = dir.resolve("model");
    // Regressing t = 2 x1 + 1 with p^4 - y as the "loss" has no minimum: the weights run off to infinity.
    assertEquals(1, run("train", "--input", data.resolve("rows.csv").toString(), "--format", "csv", "--features", "x1",
        "--label", "t", "--loss", "-p^4", "--optimizer", "sgd", "--learning-rate", "10", "--epochs", "5",
        "--output", model.toString()));
    assertTrue(cli.err().contains("training stopped and nothing was written"), cli.err());
    assertFalse(Files.exists(model));
  }

  @Test
  void aNonDifferentiableLossIsRefusedButTheSameFormulaIsAMetric() throws Exception {
    assertEquals(2, run(train("rows.csv", dir.resolve("m1"), "--loss", "mean(round(p) - y)", "--model", "logistic")));
    assertTrue(cli.err().contains("round(p) is a step function"), cli.err());
    assertFalse(Files.exists(dir.resolve("m1")));
    assertEquals(0, run(train("rows.csv", dir.resolve("m2"), "--metrics", "miss=abs(round(p) - y)")), cli.err());
    JsonNode history = new ObjectMapper().readTree(dir.resolve("m2/history.json").toFile());
    double miss = history.get("miss").get(2).asDouble();
    assertTrue(miss > 0 && miss < 0.5, "error rate " + miss);
  }

  @Test
  void aUserLossClassIsWhatTrainingMinimises() throws Exception {
    Path model = dir.resolve("model");
    assertEquals(0, run("train", "--input", data.resolve("rows.csv").toString(), "--format", "csv", "--features", "x1",
        "--label", "t", "--loss", "io.evalspark.train.CubicLoss", "--optimizer", "sgd", "--learning-rate", "0.05",
        "--batch-size", "400", "--epochs", "40", "--output", model.toString()), cli.err());
    JsonNode history = new ObjectMapper().readTree(model.resolve("history.json").toFile());
    for (int e = 1; e < 40; e++) { // full-batch gradient descent with a small step on a convex loss
      assertTrue(history.get("loss").get(e).asDouble() < history.get("loss").get(e - 1).asDouble(), "epoch " + (e + 1));
    }
    // The reported loss is the mean |p - t|^3 of the saved model over the rows, recomputed here from the file.
    JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    JsonNode layer = m.get("architecture").get("layers").get(0);
    double w = layer.get("kernel").get(0).get(0).asDouble();
    double b = layer.get("bias").get(0).asDouble();
    double mean = m.get("standardization").get("means").get(0).asDouble();
    double scale = m.get("standardization").get("scales").get(0).asDouble();
    double sum = 0;
    List<String> lines = Files.readAllLines(data.resolve("rows.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double p = w * (Double.parseDouble(f[0]) - mean) / scale + b;
      sum += Math.pow(Math.abs(p - Double.parseDouble(f[3])), 3);
    }
    assertEquals(sum / 400, history.get("loss").get(39).asDouble(), 1e-12);
  }

  @Test
  void usageErrorsNameTheOption() {
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--loss", "categorical_cross_entropy", "--model", "logistic")));
    assertTrue(cli.err().contains("categorical_cross_entropy needs --model softmax"), cli.err());
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--optimizer", "rmsprop")));
    assertTrue(cli.err().contains("--optimizer must be one of sgd, momentum, adam"), cli.err());
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--metrics", "nonsense(")));
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--confidence", "95")));
    assertTrue(cli.err().contains("--confidence: the confidence level must be between 0 and 1 (for example 0.95),"
        + " got 95.0"), cli.err());
    // --features adds to the helper's x1,x2, as a repeated list option does
    assertEquals(3, run(train("rows.csv", dir.resolve("m"), "--features", "x9")));
    assertTrue(cli.err().contains("the feature column 'x9' does not exist"), cli.err());
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--features", "x1")));
    assertEquals("error: --features names 'x1' twice; name each feature once", cli.error());
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--features", "y")));
    assertEquals("error: the label column 'y' is also a feature, which would let the model read the label it is to"
        + " predict; leave it out of --features", cli.error());
    // an infinite penalty trained on and failed as a diverged loss, with advice about the learning rate
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--l2", "Infinity")));
    assertEquals("error: --l2 must be a finite number >= 0; got Infinity", cli.error());
    // a negative or NaN interval printed nothing, as 0 does, unsaid
    assertEquals(2, run(train("rows.csv", dir.resolve("m"), "--progress-seconds", "-1")));
    assertEquals("error: --progress-seconds must be a number >= 0 (0 prints none), got -1.0", cli.error());
    assertFalse(Files.exists(dir.resolve("m")));
  }
}
