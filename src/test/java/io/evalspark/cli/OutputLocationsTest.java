package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import io.evalspark.report.OtherSchemeFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs and models at file system URIs land where they name, not in a folder of that name here. */
class OutputLocationsTest {
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void otherFileSystem() {
    TestSpark.session().sparkContext().hadoopConfiguration()
        .set("fs." + OtherSchemeFileSystem.SCHEME + ".impl", OtherSchemeFileSystem.class.getName());
  }

  private int evaluate(String output) {
    return cli.run("evaluate", "--input", SAMPLE, "--format", "csv", "--task", "binary", "--label", "label",
        "--score", "score", "--output", output);
  }

  @Test
  void anOutputUriIsWrittenWhereItNames() throws Exception {
    assertEquals(0, evaluate(dir.resolve("file-uri").toUri().toString()), cli.err());
    assertEquals(2000, new ObjectMapper().readTree(dir.resolve("file-uri/metrics.json").toFile()).get("rows").asLong());
    assertTrue(Files.exists(dir.resolve("file-uri/report.html")));
    assertFalse(Files.exists(Path.of("file:")), "nothing under ./file:");
    assertEquals(0, evaluate(OtherSchemeFileSystem.SCHEME + "://" + dir.resolve("other")), cli.err());
    assertEquals(2000, new ObjectMapper().readTree(dir.resolve("other/metrics.json").toFile()).get("rows").asLong());
    assertFalse(Files.exists(Path.of(OtherSchemeFileSystem.SCHEME + ":")));
  }

  @Test
  void anInputAndAHistoryAtUrisAreReadAndWrittenThere() throws Exception {
    String input = Path.of(SAMPLE).toAbsolutePath().toUri().toString();
    String history = dir.resolve("history").toUri().toString();
    for (String day : new String[] {"2026-11-01", "2026-11-02"}) {
      assertEquals(0, cli.run("evaluate", "--input", input, "--format", "csv", "--task", "binary", "--label", "label",
          "--score", "score", "--history", history, "--run-date", day, "--gate", "roc_auc >= previous - 0.01",
          "--output", dir.resolve("out-" + day).toUri().toString()), cli.err());
    }
    assertTrue(cli.out().contains("PASSED roc_auc >= previous - 0.01"), "the second day read the first: " + cli.out());
    assertTrue(Files.isDirectory(dir.resolve("history/_delta_log")), "the history is where the URI names");
    assertEquals(2L, TestSpark.session().read().format("delta").load(history).where("metric = 'roc_auc'").count());
  }

  @Test
  void aModelAtAUriIsWrittenAndReadThere() throws Exception {
    Path rows = dir.resolve("rows.csv");
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 200; i++) {
      csv.append(i / 200.0).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
    }
    Files.writeString(rows, csv);
    String model = OtherSchemeFileSystem.SCHEME + "://" + dir.resolve("model");
    assertEquals(0, cli.run("train", "--input", rows.toString(), "--format", "csv", "--features", "x", "--label", "y",
        "--loss", "binary_cross_entropy", "--epochs", "1", "--output", model), cli.err());
    assertTrue(Files.exists(dir.resolve("model/model.json")));
    assertEquals(0, cli.run("predict", "--model", dir.resolve("model").toUri().toString(), "--input", rows.toString(),
        "--format", "csv", "--output", dir.resolve("predictions").toString()), cli.err());
    assertEquals(0, cli.run("evaluate", "--input", dir.resolve("predictions").toString(), "--task", "binary",
        "--label", "y", "--score", "score", "--training-history", dir.resolve("model/history.json").toUri().toString(),
        "--output", dir.resolve("eval").toString()), cli.err());
    assertTrue(Files.readString(dir.resolve("eval/report.html")).contains("loss per epoch"));
  }
}
