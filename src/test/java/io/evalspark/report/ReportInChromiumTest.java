package io.evalspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.evalspark.TestSpark;
import io.evalspark.cli.CommandRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium and checks that every plot decoded into an image of its
 * drawn size. CI installs Chromium (.ci/run); elsewhere the test is skipped when it is missing.
 */
class ReportInChromiumTest {
  private static final Pattern PLOT = Pattern.compile("<img class=\"plot\" alt=\"([^\"]*)\"[^>]*?data-rendered=\"([^\"]*)\"");
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  private int run(String... args) {
    return cli.run(args);
  }

  private static String chromium() {
    for (String name : new String[] {"chromium", "chromium-browser"}) {
      for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(p, name))) {
          return Path.of(p, name).toString();
        }
      }
    }
    if (System.getenv("CI") != null) {
      fail("Chromium is not installed; .ci/run installs Debian's chromium package");
    }
    Assumptions.abort("Chromium is not installed (apt-get install chromium); the report's rendering is not checked");
    return null;
  }

  /** The page as Chromium has it after loading: the DOM with each image's data-rendered set. */
  private String render(Path page) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile-" + page.getFileName()),
        "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium did not finish");
    assertEquals(0, p.exitValue(), "Chromium failed on " + page);
    return dom;
  }

  /** Plot name to the size the browser decoded it at. */
  private static Map<String, String> plots(String dom) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = PLOT.matcher(dom);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @Test
  void aBinaryRunWithGatesAndTrainingCurvesRendersEveryPlot() throws Exception {
    Path history = dir.resolve("history.json");
    Files.writeString(history, "{\"epoch\": [1, 2, 3], \"seconds\": [1.0, 1.0, 1.0], \"loss\": [0.6, 0.4, 0.35],"
        + " \"auc\": [0.7, 0.8, 0.85], \"val_loss\": [0.62, 0.45, 0.41], \"val_auc\": [0.69, 0.78, 0.8]}");
    assertEquals(4, run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--slice-by", "model", "--gate", "roc_auc >= 0.95 per slice",
        "--training-history", history.toString(), "--output", dir.resolve("binary").toString()), cli.err());
    String dom = render(dir.resolve("binary/report.html"));
    Map<String, String> plots = plots(dom);
    assertEquals(List.of("ROC curve", "Precision-recall curve", "Calibration curve", "Score distribution per class",
        "Confusion matrix", "loss per epoch", "auc per epoch"), new ArrayList<>(plots.keySet()), dom);
    plots.forEach((name, size) -> {
      if (!name.equals("Confusion matrix")) {
        assertEquals(Charts.WIDTH + "x" + Charts.HEIGHT, size, name);
      }
    });
    assertTrue(plots.get("Confusion matrix").matches("[1-9][0-9]*x[1-9][0-9]*"), plots.toString());
    assertTrue(dom.contains("<td>FAILED</td><td>roc_auc &gt;= 0.95 per slice</td><td>evaluation</td><td>model=v1</td>"),
        "the gate table names the failing slice");
    assertTrue(dom.contains("<td>PASSED</td><td>roc_auc &gt;= 0.95 per slice</td><td>evaluation</td><td>model=v2</td>"));
  }

  @Test
  void aMulticlassRunRendersItsConfusionMatrix() throws Exception {
    Path input = dir.resolve("multiclass.csv");
    Files.writeString(input, "label,prediction\n0,0\n0,1\n1,1\n1,1\n2,2\n2,0\n2,2\n");
    assertEquals(0, run("evaluate", "--input", input.toString(), "--format", "csv", "--task", "multiclass",
        "--label", "label", "--prediction", "prediction", "--output", dir.resolve("multi").toString()), cli.err());
    String dom = render(dir.resolve("multi/report.html"));
    Map<String, String> plots = plots(dom);
    assertEquals(List.of("Confusion matrix"), new ArrayList<>(plots.keySet()));
    // class 2: 3 rows, 2 predicted right, nothing else predicted 2: precision 1, recall 2/3, f1 0.8
    assertTrue(dom.contains("<tr><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">0.666667</td>"
        + "<td class=\"n\">0.800000</td><td class=\"n\">3</td></tr>"), dom);
    assertTrue(plots.get("Confusion matrix").matches("[1-9][0-9]*x[1-9][0-9]*"), plots.toString());
  }

  @Test
  void aTrainingRunsReportRendersItsCurves() throws Exception {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("epoch", List.of(1.0, 2.0));
    columns.put("loss", List.of(0.5, 0.4));
    columns.put("val_loss", List.of(0.55, 0.5));
    Path page = dir.resolve("train.html");
    TextFiles.writeAtomically(page.toString(), HtmlReport.trainingPage("training", columns));
    Map<String, String> plots = plots(render(page));
    assertEquals(Map.of("loss per epoch", Charts.WIDTH + "x" + Charts.HEIGHT), plots);
  }
}
