package io.evalspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Waits for a driver that a standalone master runs ({@code --deploy-mode cluster}), prints what it
 * printed, and exits with its exit code, which spark-submit does not do: it returns once the
 * master has the driver, and exits 0 even when the driver failed. submit.sh runs this after
 * spark-submit, with the master's web UI and the driver's id; the master's JSON says where the
 * driver ran and how it ended, and that worker's web UI serves the driver's standard output and
 * error. The driver marks where its own output starts and what code it ends with.
 */
public final class StandaloneDriver {
  /** The driver's first line of its own on standard error. */
  static final String STARTED = "evalspark: the driver started";
  /** The driver's last line on standard error, before its exit code. */
  static final String EXIT_CODE = "evalspark: exit code ";
  private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "ERROR", "KILLED");
  private static final Duration POLL = Duration.ofSeconds(1);
  /** How long a driver may wait for a worker before the wait is explained. */
  private static final Duration QUEUED_NOTE = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String masterUi;

  private StandaloneDriver(String masterUi) {
    this.masterUi = masterUi.endsWith("/") ? masterUi.substring(0, masterUi.length() - 1) : masterUi;
  }

  /** {@code StandaloneDriver MASTER_WEB_UI DRIVER_ID}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: StandaloneDriver MASTER_WEB_UI DRIVER_ID");
      System.exit(2);
    }
    try {
      System.exit(new StandaloneDriver(args[0]).await(args[1], System.out, System.err));
    } catch (IOException e) {
      System.err.println("error: cannot follow driver " + args[1] + " through the master's web UI at " + args[0] + ": "
          + e.getMessage() + " (set SPARK_MASTER_WEBUI_PORT, or EVALSPARK_MASTER_UI to its address)");
      System.exit(1);
    }
  }

  /** Waits for {@code driver} to end, prints its output and returns its exit code. */
  int await(String driver, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    JsonNode ended = null;
    long waited = 0;
    while (ended == null) {
      JsonNode master = get(masterUi + "/json/");
      for (JsonNode d : master.path("completeddrivers")) {
        if (d.path("id").asText().equals(driver) && ENDED.contains(d.path("state").asText())) {
          ended = d;
        }
      }
      for (JsonNode d : master.path("activedrivers")) {
        if (d.path("id").asText().equals(driver) && d.path("state").asText().equals("SUBMITTED")
            && waited == QUEUED_NOTE.toMillis()) {
          err.println("note: driver " + driver + " still waits for a worker with " + d.path("cores").asInt()
              + " free cores and " + d.path("memory").asInt() + " MB free memory (--driver-cores, --driver-memory)");
          err.flush();
        }
      }
      if (ended == null) {
        Thread.sleep(POLL.toMillis());
        waited += POLL.toMillis();
      }
    }
    String state = ended.path("state").asText();
    String worker = workerUi(get(masterUi + "/json/"), ended.path("worker").asText());
    if (worker == null) {
      err.println("error: driver " + driver + " ended " + state + " on a worker the master no longer lists");
      return 1;
    }
    out.print(log(worker, driver, "stdout"));
    out.flush();
    Integer code = null;
    boolean own = false;
    for (String line : log(worker, driver, "stderr").split("\n", -1)) {
      if (line.equals(STARTED)) {
        own = true;
      } else if (line.startsWith(EXIT_CODE)) {
        code = Integer.valueOf(line.substring(EXIT_CODE.length()).trim());
      } else if (own && !line.isEmpty()) {
        err.println(line);
      }
    }
    err.flush();
    if (code != null) {
      return code;
    }
    err.println("error: driver " + driver + " ended " + state + " without an exit code of its own; its log is "
        + worker + "/logPage/?driverId=" + driver + "&logType=stderr");
    return state.equals("FINISHED") ? 0 : 1;
  }

  private static String workerUi(JsonNode master, String workerId) {
    for (JsonNode w : master.path("workers")) {
      if (w.path("id").asText().equals(workerId)) {
        return w.path("webuiaddress").asText();
      }
    }
    return null;
  }

  /** The whole of a driver's log file: the worker serves it after a header line of the byte range. */
  private String log(String worker, String driver, String type) throws IOException, InterruptedException {
    String text = text(worker + "/log/?driverId=" + URLEncoder.encode(driver, StandardCharsets.UTF_8) + "&logType=" + type
        + "&offset=0&byteLength=" + Integer.MAX_VALUE);
    int header = text.indexOf('\n');
    return text.startsWith("==== ") && header >= 0 ? text.substring(header + 1) : text;
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    return json.readTree(text(url));
  }

  private String text(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }
}
