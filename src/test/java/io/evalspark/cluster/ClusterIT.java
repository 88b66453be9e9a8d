package io.evalspark.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import io.evalspark.cli.CommandRun;
import io.evalspark.job.FarRows;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * evalspark on a real standalone cluster (a master and two one-core workers in their own JVMs),
 * through {@code ./submit.sh} as a cluster user runs it, in client and cluster deploy mode; each
 * result is compared with the same command run embedded in this JVM. Run by
 * {@code mvn -Pcluster verify}.
 */
class ClusterIT {
  private static final Path DIR = StandaloneCluster.PROJECT.resolve("target/cluster-it");
  /** The cluster's own driver options, which submit.sh must keep. */
  private static final String SITE_OPTIONS = "-XX:+UseG1GC -Dsite.option=cluster";
  private static StandaloneCluster cluster;
  private static Path data;
  private static Path events;
  private static final CommandRun embedded = new CommandRun();

  @BeforeAll
  static void start() throws Exception {
    StandaloneCluster.deleteQuietly(DIR.resolve("run"));
    Path run = Files.createDirectories(DIR.resolve("run"));
    events = Files.createDirectories(run.resolve("events"));
    data = Files.createDirectories(run.resolve("data"));
    cluster = StandaloneCluster.start(DIR, String.join("\n",
        "spark.driver.extraJavaOptions " + SITE_OPTIONS,
        "spark.eventLog.enabled true",
        "spark.eventLog.dir " + events.toUri(),
        "spark.ui.enabled false",
        "spark.driver.host 127.0.0.1",
        ""));
    writeData(TestSpark.session());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Predictions of every task, in four Parquet files each, from fixed formulas of the row id. */
  private static void writeData(SparkSession spark) {
    var ids = spark.range(0, 200_000, 1, 4);
    ids.select(expr("CAST(pmod(id * 7919, 10) < 3 AS INT)").as("label"),
            expr("(pmod(id * 7919, 10) < 3) AS positive"), col("id"))
        .select(col("label"), expr("CAST(pmod(id * 104729, 1000) AS DOUBLE) / 1000 * 0.6 + "
                + "IF(positive, 0.35, 0.0) + CAST(pmod(id, 7) AS DOUBLE) / 200").as("score"),
            expr("1.0 + pmod(id, 3)").as("weight"),
            expr("element_at(array('de', 'fr', 'us', 'jp', 'br'), CAST(pmod(id, 5) + 1 AS INT))").as("country"),
            expr("IF(pmod(id, 2) = 0, 'phone', 'desktop')").as("device"))
        .write().parquet(data.resolve("binary").toString());
    ids.select(expr("CAST(pmod(id * 7919, 10) < 3 AS INT)").as("label"),
            expr("IF(pmod(id, 2) = 0, 'phone', 'desktop')").as("device"))
        .select(col("label"), col("device"), expr("1 / (1 + exp(-(randn(5) + 1.5 * label - 1)))").as("score"))
        .write().parquet(data.resolve("full-precision").toString());
    ids.select(expr("CAST(pmod(id * 31, 4) AS INT)").as("label"), col("id"))
        .select(col("label"), expr("transform(array(0, 1, 2, 3), c -> IF(c = label, 0.4, 0.2) * "
            + "(1 + CAST(pmod(id + c, 5) AS DOUBLE) / 10))").as("raw"))
        .select(col("label"), expr("transform(raw, p -> p / aggregate(raw, 0D, (a, x) -> a + x))").as("probabilities"))
        .write().parquet(data.resolve("multiclass").toString());
    // Absolute errors of k / 7 for k in 0..10: median_absolute_error, from buckets whose counts are exact
    // whatever the partitions and the order of merging, is the same on the cluster as in the embedded run.
    ids.select(expr("CAST(id AS DOUBLE) / 1000").as("label"),
            expr("CAST(id AS DOUBLE) / 1000 + CAST(pmod(id * 13, 21) - 10 AS DOUBLE) / 7").as("prediction"))
        .write().parquet(data.resolve("regression").toString());
    ids.select(expr("CAST(pmod(id * 17, 100) AS DOUBLE) / 50 - 1").as("x1"),
            expr("CAST(pmod(id * 29, 100) AS DOUBLE) / 50 - 1").as("x2"))
        .select(col("x1"), col("x2"), expr("CAST(x1 + 0.5 * x2 + CAST(pmod(x1 * 1000, 7) AS DOUBLE) / 10 > 0.3 AS INT)")
            .as("label"))
        .write().parquet(data.resolve("train").toString());
  }

  @Test
  void aSlicedBinaryEvaluationInClientModeEqualsTheEmbeddedOneAndGetsWhatSparkSubmitWasGiven() throws Exception {
    Path extra = emptyJar(DIR.resolve("run/extra.jar"));
    SubmitScript cl = submit("--master", cluster.master(), "--executor-memory", "1500m", "--conf",
        "spark.executor.cores=1", "evaluate", "--input", input("binary"), "--task", "binary", "--label", "label", "--score",
        "score", "--weight", "weight", "--slice-by", "country,device", "--output", out("sliced"),
        "--conf", "spark.driver.memory=3g", "--conf", "spark.jars=" + extra);
    assertEquals(0, cl.exitCode(), cl.printed());
    assertSameJson(embedded("sliced", "evaluate", "--input", input("binary"), "--task", "binary", "--label", "label",
        "--score", "score", "--weight", "weight", "--slice-by", "country,device"), out("sliced"));

    JsonNode app = lastApplication();
    assertEquals(1500, app.path("memoryperexecutor").asInt(), "--executor-memory before the command reaches executors");
    JsonNode environment = environmentOf(app.path("id").asText());
    Map<String, String> spark = properties(environment.path("Spark Properties"));
    Map<String, String> system = properties(environment.path("System Properties"));
    assertEquals("cluster", system.get("site.option"), "the cluster's driver options stay");
    assertTrue(spark.get("spark.driver.extraJavaOptions").contains(SITE_OPTIONS), spark.toString());
    assertEquals("3g", spark.get("spark.driver.memory"), "a launch setting after the command takes effect");
    assertTrue(spark.get("spark.jars").contains("evalspark.jar") && spark.get("spark.jars").contains("extra.jar"),
        spark.get("spark.jars"));
  }

  @Test
  void exactRankingMetricsUnderKryoEqualTheEmbeddedOnesWholeAndSliced() throws Exception {
    for (List<String> slices : List.of(List.<String>of(), List.of("--slice-by", "device"))) {
      String name = "exact" + (slices.isEmpty() ? "" : "-sliced");
      List<String> args = concat(List.of("evaluate", "--input", input("full-precision"), "--task", "binary", "--label",
          "label", "--score", "score", "--auc-tolerance", "1e-9"), slices);
      SubmitScript kryo = submit(concat(List.of("--master", cluster.master(), "--conf",
          "spark.serializer=org.apache.spark.serializer.KryoSerializer"), args, List.of("--output", out(name))));
      assertEquals(0, kryo.exitCode(), kryo.printed());
      assertSameJson(embedded(name, args.toArray(String[]::new)), out(name));
      JsonNode refinement = json(Path.of(out(name), "metrics.json")).path("refinement");
      assertTrue(refinement.path("passes").asInt() >= 2, "counts of a refinement pass crossed the wire: " + refinement);
      assertEquals(0.0, refinement.path("roc_auc_width").asDouble(), 1e-9, refinement.toString());
    }
  }

  @Test
  void clusterDeployModeEqualsTheEmbeddedRunsAndExitsWithTheJobsOwnCode() throws Exception {
    SubmitScript multiclass = submit("--master", cluster.master(), "--deploy-mode", "cluster", "evaluate", "--input",
        input("multiclass"), "--task", "multiclass", "--label", "label", "--probabilities", "probabilities", "--output",
        out("multiclass"));
    assertEquals(0, multiclass.exitCode(), multiclass.printed());
    assertTrue(multiclass.out().contains("multiclass evaluation: 200000 rows"), multiclass.printed());
    assertSameJson(embedded("multiclass", "evaluate", "--input", input("multiclass"), "--task", "multiclass", "--label",
        "label", "--probabilities", "probabilities"), out("multiclass"));
    assertEquals("cluster", properties(environmentOf(lastApplication().path("id").asText()).path("System Properties"))
        .get("site.option"));
    JsonNode driver = cluster.state().path("completeddrivers");
    assertEquals(4096, driver.get(driver.size() - 1).path("memory").asInt(),
        "the driver gets evalspark's default memory, as embedded: " + driver);

    SubmitScript regression = submit("--master=" + cluster.master(), "--deploy-mode=cluster", "evaluate", "--input",
        input("regression"), "--task", "regression", "--label", "label", "--prediction", "prediction", "--output",
        out("regression"), "--quiet");
    assertEquals(0, regression.exitCode(), regression.printed());
    assertEquals("", regression.out() + regression.err(), "--quiet prints nothing when all goes well");
    assertSameJson(embedded("regression", "evaluate", "--input", input("regression"), "--task", "regression", "--label",
        "label", "--prediction", "prediction"), out("regression"));

    SubmitScript bad = submit("--master", cluster.master(), "--deploy-mode", "cluster", "evaluate", "--input",
        input("regression"), "--task", "binary", "--label", "label", "--score", "prediction", "--output", out("bad"));
    assertEquals(3, bad.exitCode(), bad.printed());
    assertTrue(bad.err().contains("error: "), bad.printed());
  }

  @Test
  void aNightlyJobsFailedGateReachesTheCallerInBothDeployModes() throws Exception {
    String history = DIR.resolve("run/history").toString();
    List<String> job = List.of("evaluate", "--input", input("binary"), "--task", "binary", "--label", "label", "--score",
        "score", "--history", history);
    SubmitScript day1 = submit(concat(List.of("--master", cluster.master()), job,
        List.of("--run-date", "2026-11-01", "--gate", "roc_auc >= 0.5", "--output", out("day1"))));
    assertEquals(0, day1.exitCode(), day1.printed());
    SubmitScript day2 = submit(concat(List.of("--master", cluster.master()), job,
        List.of("--run-date", "2026-11-02", "--gate", "roc_auc >= previous + 0.01", "--output", out("day2"))));
    assertEquals(4, day2.exitCode(), day2.printed());
    assertTrue(day2.err().contains("FAILED roc_auc >= previous + 0.01"), day2.printed());
    SubmitScript day3 = submit(concat(List.of("--master", cluster.master(), "--deploy-mode", "cluster"), job,
        List.of("--run-date", "2026-11-03", "--gate", "roc_auc >= previous + 0.01", "--output", out("day3"))));
    assertEquals(4, day3.exitCode(), day3.printed());
    assertTrue(day3.err().contains("FAILED roc_auc >= previous + 0.01"), day3.printed());
    JsonNode onCluster = json(Path.of(out("day3"), "metrics.json"));
    String alone = embedded("day3", "evaluate", "--input", input("binary"), "--task", "binary", "--label", "label",
        "--score", "score");
    assertSameJson(json(Path.of(alone, "metrics.json")).path("metrics"), onCluster.path("metrics"), "metrics");
    var recorded = TestSpark.session().read().format("delta").load(history).where("metric = 'roc_auc'")
        .select("run_date", "value").collectAsList();
    assertEquals(3, recorded.size(), "each date once: " + recorded);
    for (var row : recorded) {
      assertEquals(onCluster.path("metrics").path("roc_auc").asDouble(), row.getDouble(1), 1e-12, row.toString());
    }
  }

  @Test
  void trainPredictEvaluateWithAnExecutorKilledInEpochThree() throws Exception {
    Path kill = emptyJarWith(DIR.resolve("run/kill.jar"), KillExecutor.class);
    Path marker = DIR.resolve("run/killed-in-training");
    // 400 steps an epoch (a second or more here), all in one job of two tasks (two one-core workers) that
    // exchange their sums through the driver: the second task's executor is killed 500 ms into epoch 3's job,
    // among its steps, and the task run again joins the other at the step the epoch is at.
    List<String> train = List.of("train", "--input", input("train"), "--features", "x1,x2", "--label", "label",
        "--loss", "binary_cross_entropy", "--epochs", "4", "--batch-size", "500", "--learning-rate", "0.05",
        "--seed", "7");
    SubmitScript trained = submit(concat(List.of("--master", cluster.master(), "--jars", kill.toString(), "--conf",
        "spark.plugins=" + KillExecutor.class.getName(), "--conf",
        KillExecutor.SETTING + "=epoch 3, 400 steps exchanged|1|" + marker + "|500"), train,
        List.of("--output", out("model"))));
    assertEquals(0, trained.exitCode(), trained.printed());
    assertTrue(Files.exists(marker), "the executor was killed: " + trained.printed());
    assertEquals(1, count(trained.err(), "warning: lost executor"), trained.printed());
    assertFalse(trained.err().contains("\tat "), "no stack frames: " + trained.printed());
    List<String> embeddedTrain = new ArrayList<>(train);
    embeddedTrain.addAll(List.of("--output", DIR.resolve("run/embedded/model").toString()));
    assertEquals(0, embedded.run(embeddedTrain.toArray(String[]::new)), embedded.err());
    assertEquals(Files.readString(DIR.resolve("run/embedded/model/model.json")),
        Files.readString(Path.of(out("model"), "model.json")), "the same model as embedded, to the byte");

    SubmitScript predicted = submit("--master", cluster.master(), "--deploy-mode", "cluster", "predict", "--model",
        out("model"), "--input", input("train"), "--output", out("predictions"));
    assertEquals(0, predicted.exitCode(), predicted.printed());
    SubmitScript evaluated = submit("--master", cluster.master(), "evaluate", "--input", out("predictions"), "--task",
        "binary", "--label", "label", "--score", "score", "--output", out("predicted"));
    assertEquals(0, evaluated.exitCode(), evaluated.printed());
    assertEquals(0, embedded.run("predict", "--model", DIR.resolve("run/embedded/model").toString(), "--input",
        input("train"), "--output", DIR.resolve("run/embedded/predictions").toString()), embedded.err());
    assertSameJson(embedded("predicted", "evaluate", "--input", DIR.resolve("run/embedded/predictions").toString(),
        "--task", "binary", "--label", "label", "--score", "score"), out("predicted"));
  }

  @Test
  void aMetricClassFromJarsRunsOnTheExecutorsAsItDoesEmbedded() throws Exception {
    Path jar = emptyJarWith(DIR.resolve("run/far-rows.jar"), FarRows.class);
    List<String> evaluate = List.of("evaluate", "--input", input("binary"), "--task", "binary", "--label", "label",
        "--score", "score", "--weight", "weight", "--slice-by", "country", "--metric-class", FarRows.class.getName(),
        "--metric", "err=abs(y - p) * 1000");
    SubmitScript run = submit(concat(List.of("--master", cluster.master(), "--jars", jar.toString()), evaluate,
        List.of("--output", out("far"))));
    assertEquals(0, run.exitCode(), run.printed());
    assertTrue(json(Path.of(out("far"), "metrics.json")).path("metrics").path("far_share").isNumber(), run.printed());
    assertSameJson(embedded("far", evaluate.toArray(String[]::new)), out("far"));
  }

  @Test
  void anExecutorKilledMidEvaluationLeavesTheMetricsAsTheyWereAndOneWarningLine() throws Exception {
    Path kill = emptyJarWith(DIR.resolve("run/kill.jar"), KillExecutor.class);
    Path marker = DIR.resolve("run/killed-in-evaluation");
    SubmitScript lost = submit("--master", cluster.master(), "--jars", kill.toString(), "--conf",
        "spark.plugins=" + KillExecutor.class.getName(), "--conf", KillExecutor.SETTING + "=evaluating|1|" + marker,
        "evaluate", "--input", input("binary"), "--task", "binary", "--label", "label", "--score", "score", "--slice-by",
        "country", "--where", "weight > 1", "--output", out("lost"), "--progress-seconds", "0.2");
    assertEquals(0, lost.exitCode(), lost.printed());
    assertTrue(Files.exists(marker), "the executor was killed: " + lost.printed());
    assertEquals(1, count(lost.err(), "warning: lost executor"), lost.printed());
    assertFalse(lost.err().contains("\tat "), "no stack frames: " + lost.printed());
    Matcher read = Pattern.compile("([0-9,]+) rows read").matcher(lost.err());
    while (read.find()) {
      assertTrue(Long.parseLong(read.group(1).replace(",", "")) <= 200_000, "each row counted once: " + lost.err());
    }
    assertSameJson(embedded("lost", "evaluate", "--input", input("binary"), "--task", "binary", "--label", "label",
        "--score", "score", "--slice-by", "country", "--where", "weight > 1"), out("lost"));
  }

  @Test
  void theSqlFunctionsAnswerOverJdbcFromAThriftServerOnTheCluster() throws Exception {
    int port = StandaloneCluster.freePort();
    Path work = Files.createDirectories(DIR.resolve("run/thrift"));
    List<String> command = List.of(cluster.home().resolve("bin/spark-submit").toString(), "--master", cluster.master(),
        "--class", "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2", "--jars",
        StandaloneCluster.PROJECT.resolve("target/evalspark.jar").toString(), "--conf",
        "spark.sql.extensions=io.evalspark.sql.EvalsparkExtensions", "--conf",
        "spark.sql.warehouse.dir=" + work.resolve("warehouse").toUri(), "spark-internal", "--hiveconf",
        "hive.server2.thrift.bind.host=127.0.0.1", "--hiveconf", "hive.server2.thrift.port=" + port);
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("thrift.log").toFile());
    pb.environment().putAll(cluster.environment());
    Process server = pb.start();
    try (URLClassLoader hive = new URLClassLoader(jars(cluster.home().resolve("jars")),
        ClassLoader.getPlatformClassLoader())) {
      Driver jdbc = (Driver) hive.loadClass("org.apache.hive.jdbc.HiveDriver").getDeclaredConstructor().newInstance();
      Properties user = new Properties();
      user.setProperty("user", "evalspark");
      String url = "jdbc:hive2://127.0.0.1:" + port + "/default";
      try (Connection c = connect(jdbc, url, user, server, work);
          Statement st = c.createStatement();
          ResultSet r = st.executeQuery("SELECT roc_auc(label, score), log_loss(label, score), roc_auc(label, score, weight)"
              + " FROM parquet.`" + input("binary") + "`")) {
        assertTrue(r.next());
        JsonNode plain = json(Path.of(embedded("sql", "evaluate", "--input", input("binary"), "--task", "binary",
            "--label", "label", "--score", "score"), "metrics.json")).path("metrics");
        JsonNode weighted = json(Path.of(embedded("sql-weighted", "evaluate", "--input", input("binary"), "--task",
            "binary", "--label", "label", "--score", "score", "--weight", "weight"), "metrics.json")).path("metrics");
        assertEquals(plain.path("roc_auc").asDouble(), r.getDouble(1), 1e-12);
        assertEquals(plain.path("log_loss").asDouble(), r.getDouble(2), 1e-12);
        assertEquals(weighted.path("roc_auc").asDouble(), r.getDouble(3), 1e-12);
      }
    } finally {
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A connection once the Thrift server listens (it takes a while to start its metastore). */
  private static Connection connect(Driver jdbc, String url, Properties user, Process server, Path work)
      throws Exception {
    Instant until = Instant.now().plusSeconds(180);
    while (true) {
      try {
        return jdbc.connect(url, user);
      } catch (SQLException e) {
        if (!server.isAlive() || Instant.now().isAfter(until)) {
          throw new AssertionError("the Thrift server did not answer at " + url + ": " + e.getMessage() + "\n"
              + Files.readString(work.resolve("thrift.log")), e);
        }
        Thread.sleep(1000);
      }
    }
  }

  private static URL[] jars(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<URL> urls = new ArrayList<>();
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().endsWith(".jar")) {
          urls.add(f.toUri().toURL());
        }
      }
      return urls.toArray(URL[]::new);
    }
  }

  private static SubmitScript submit(String... args) throws Exception {
    return SubmitScript.run(cluster.environment(), List.of(args));
  }

  private static SubmitScript submit(List<String> args) throws Exception {
    return submit(args.toArray(String[]::new));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private static String input(String name) {
    return data.resolve(name).toString();
  }

  private static String out(String name) {
    return DIR.resolve("run/cluster").resolve(name).toString();
  }

  /** Runs the command embedded, in this JVM, writing to a folder of its own; returns that folder. */
  private static String embedded(String name, String... args) {
    String dir = DIR.resolve("run/embedded").resolve(name).toString();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", dir));
    int code = embedded.run(all.toArray(String[]::new));
    assertTrue(code == 0 || code == 4, embedded.err());
    return dir;
  }

  private static void assertSameJson(String expectedDir, String actualDir) throws IOException {
    JsonNode expected = json(Path.of(expectedDir, "metrics.json"));
    JsonNode actual = json(Path.of(actualDir, "metrics.json"));
    assertSameJson(expected, actual, "metrics.json");
  }

  /** The same tree, numbers equal to 1e-12 of their size (sums merged in another order). */
  private static void assertSameJson(JsonNode expected, JsonNode actual, String where) {
    if (expected.isNumber() && actual.isNumber()) {
      double e = expected.asDouble();
      assertEquals(e, actual.asDouble(), 1e-12 * Math.max(1, Math.abs(e)), where);
      return;
    }
    assertEquals(expected.getNodeType(), actual.getNodeType(), where);
    if (expected.isObject()) {
      assertEquals(names(expected), names(actual), where);
      expected.fieldNames().forEachRemaining(f -> assertSameJson(expected.get(f), actual.get(f), where + "." + f));
    } else if (expected.isArray()) {
      assertEquals(expected.size(), actual.size(), where);
      for (int i = 0; i < expected.size(); i++) {
        assertSameJson(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static JsonNode lastApplication() throws Exception {
    JsonNode last = null;
    for (JsonNode app : cluster.state().path("completedapps")) {
      if (last == null || app.path("starttime").asLong() > last.path("starttime").asLong()) {
        last = app;
      }
    }
    return last;
  }

  /** The environment an application's driver reported, from its event log. */
  private static JsonNode environmentOf(String application) throws IOException {
    try (Stream<Path> logs = Files.list(events)) {
      Path log = logs.filter(p -> p.getFileName().toString().startsWith(application)).findFirst().orElseThrow();
      for (String line : Files.readAllLines(log)) {
        if (line.contains("\"SparkListenerEnvironmentUpdate\"")) {
          return new ObjectMapper().readTree(line);
        }
      }
    }
    throw new AssertionError("no environment in the event log of " + application);
  }

  private static Map<String, String> properties(JsonNode pairs) {
    Map<String, String> map = new java.util.HashMap<>();
    if (pairs.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = pairs.fields(); it.hasNext(); ) {
        var e = it.next();
        map.put(e.getKey(), e.getValue().asText());
      }
    } else {
      pairs.forEach(p -> map.put(p.get(0).asText(), p.get(1).asText()));
    }
    return map;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static Path emptyJar(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("evalspark-test-extra.txt"));
      j.write("an extra jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  /** A jar of {@code type}'s classes (itself and its nested ones), from the test classes. */
  private static Path emptyJarWith(Path jar, Class<?> type) throws IOException {
    Path classes = Path.of(System.getProperty("evalspark.test.classes", "target/test-classes"));
    String folder = type.getPackageName().replace('.', '/');
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.list(classes.resolve(folder))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.equals(type.getSimpleName() + ".class") || name.startsWith(type.getSimpleName() + "$")) {
          j.putNextEntry(new JarEntry(folder + "/" + name));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
      }
    }
    return jar;
  }
}
