package io.evalspark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster in separate JVMs on 127.0.0.1: a master and two workers of one core
 * each, started from a folder laid out as a Spark install (its {@code jars/} resolved by Maven from
 * {@code src/test/cluster/pom.xml}, its {@code bin/} from {@code src/test/cluster/bin}) on free
 * ports. {@link #close} stops every process it started, and their children (executors, drivers).
 */
final class StandaloneCluster implements AutoCloseable {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final Thread stopAtExit = new Thread(this::stop, "stop-test-cluster");
  private final int masterPort;
  private final int masterUiPort;

  private StandaloneCluster(Path home) throws IOException {
    this.home = home;
    this.masterPort = freePort();
    this.masterUiPort = freePort();
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Lays out the Spark home under {@code dir} (the jars are copied once and kept for later runs)
   * with {@code defaults} as its conf/spark-defaults.conf, and starts the cluster.
   */
  static StandaloneCluster start(Path dir, String defaults) throws Exception {
    Path home = dir.resolve("spark-home");
    Path jars = home.resolve("jars");
    if (!Files.isRegularFile(jars.resolve(".complete"))) {
      run(List.of("mvn", "-B", "-q", "-Dstyle.color=never", "-f", PROJECT.resolve("src/test/cluster/pom.xml").toString(),
          "-Dspark.version=" + System.getProperty("spark.version", "3.5.7"), "dependency:copy-dependencies",
          "-DoutputDirectory=" + jars), Duration.ofMinutes(15));
      Files.writeString(jars.resolve(".complete"), "");
    }
    Path bin = Files.createDirectories(home.resolve("bin"));
    for (String script : List.of("spark-class", "spark-submit")) {
      Path to = bin.resolve(script);
      Files.copy(PROJECT.resolve("src/test/cluster/bin").resolve(script), to,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/spark-defaults.conf"), defaults);
    StandaloneCluster cluster = new StandaloneCluster(home);
    try {
      cluster.startProcesses();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  Path home() {
    return home;
  }

  String master() {
    return "spark://127.0.0.1:" + masterPort;
  }

  String masterUi() {
    return "http://127.0.0.1:" + masterUiPort;
  }

  /** The environment of a shell on a machine of this cluster: its spark-submit first on the PATH. */
  Map<String, String> environment() {
    return Map.of("SPARK_HOME", home.toString(), "SPARK_CONF_DIR", home.resolve("conf").toString(),
        "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_SCALA_VERSION", "2.12",
        "SPARK_MASTER_WEBUI_PORT", Integer.toString(masterUiPort),
        "PATH", home.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
  }

  /** The master's view of the cluster: workers, applications, drivers. */
  JsonNode state() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(masterUi() + "/json/")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  private void startProcesses() throws Exception {
    processes.add(daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
    waitFor("the master's web UI", () -> state() != null);
    for (int i = 1; i <= 2; i++) {
      // 6 GB each to give: only what drivers and executors may ask for, not what the JVMs take
      processes.add(daemon("worker" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
          "1", "--memory", "6g", "--webui-port", "0", "--work-dir", home.resolve("work" + i).toString(), master()));
    }
    waitFor("two workers", () -> state().path("aliveworkers").asInt() == 2);
  }

  private Process daemon(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", home.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve(name + ".log").toFile());
    pb.environment().putAll(environment());
    return pb.start();
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void waitFor(String what, Check check) throws Exception {
    Instant until = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(until)) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the test cluster did not start: no " + what + " after 90 s");
  }

  /** Runs {@code command} in the project's folder and fails unless it exits 0. */
  private static void run(List<String> command, Duration timeout) throws Exception {
    Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).inheritIO().start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private synchronized void stop() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already stopping
    }
  }

  static void deleteQuietly(Path p) {
    try {
      if (Files.exists(p)) {
        try (var walk = Files.walk(p)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
