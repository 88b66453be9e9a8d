package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a flag or a job file can make Spark run: a filter over the input, a catalog table, a loss class. */
class SecurityTest {
  private static final String SAMPLE = "src/test/resources/sample/predictions.csv";
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  private String[] evaluate(String... extra) {
    List<String> args = new ArrayList<>(Arrays.asList("evaluate", "--input", SAMPLE, "--format", "csv",
        "--task", "binary", "--label", "label", "--score", "score", "--output", dir.resolve("out").toString()));
    args.addAll(Arrays.asList(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void aWhereThatCallsJavaIsRefusedBeforeItRuns() {
    String mark = "evalspark.test.where-ran";
    assertEquals(2, cli.run(evaluate("--where", "reflect('java.lang.System', 'setProperty', '" + mark + "', 'yes')"
        + " IS NOT NULL")));
    assertTrue(cli.err().contains("calls the function 'reflect', which a filter may not call"), cli.err());
    assertNull(System.getProperty(mark), "the reflect call ran");
    assertEquals(2, cli.run(evaluate("--where", "java_method('java.lang.System', 'getenv', 'HOME') IS NOT NULL")));
    assertTrue(cli.err().contains("'java_method'"), cli.err());
    assertEquals(2, cli.run(evaluate("--where", "label = 1 OR raise_error('x') IS NULL")));
    assertTrue(cli.err().contains("'raise_error'"), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aWhereThatReadsAFileIsRefusedWithoutShowingIt() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "the-secret-line\n");
    assertEquals(2, cli.run(evaluate("--where", "model IN (SELECT value FROM text.`" + secret + "`)")));
    assertTrue(cli.err().contains("holds a subquery"), cli.err());
    assertFalse(cli.err().contains("the-secret-line"), cli.err());
    assertEquals(2, cli.run(evaluate("--where", "EXISTS (SELECT * FROM text.`" + secret + "`)")));
    assertTrue(cli.err().contains("holds a subquery"), cli.err());
  }

  @Test
  void aWhereThatIsNotSqlSaysInItsFirstLineWhereReadingStopped() {
    assertEquals(2, cli.run(evaluate("--where", "label = 1; DROP TABLE predictions")));
    String first = cli.err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse("");
    assertTrue(first.contains("is not a SQL expression") && first.contains("Syntax error at or near ';'"), cli.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  /** A filter nested thousands deep is a usage error, not a StackOverflowError out of Spark's parser. */
  @Test
  void aWhereNestedThousandsDeepIsRefusedInOneLine() {
    for (String deep : new String[] {"(".repeat(3000) + "label = 1" + ")".repeat(3000), "NOT ".repeat(3000) + "label = 1"}) {
      assertEquals(2, cli.run(evaluate("--where", deep)));
      assertEquals("error: where = \"" + deep.substring(0, 60) + "...\" of evaluation evaluation nests too"
          + " deep for Spark to read (parentheses or NOTs within each other, thousands deep); write it with fewer"
          + " levels", cli.error());
    }
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aPlainFilterStillWorks() throws Exception {
    assertEquals(0, cli.run(evaluate("--where", "lower(model) = 'v1' AND score BETWEEN 0 AND 1 AND day LIKE '2026-%'")),
        cli.err());
    long expected = TestSpark.session().read().option("header", "true").csv(SAMPLE).where("model = 'v1'").count();
    assertEquals(expected, new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("rows").asLong());
  }

  @Test
  void aWhereInAJobFileIsCheckedAlike() throws Exception {
    Path job = dir.resolve("job.conf");
    Files.writeString(job, "task = binary, label = label, score = score, format = csv, input = \""
        + Path.of(SAMPLE).toAbsolutePath() + "\", output = \"" + dir.resolve("out") + "\"\n"
        + "where = \"reflect('java.lang.Thread', 'sleep', 1L) IS NULL\"\n");
    assertEquals(2, cli.run("evaluate", "--config", job.toString()));
    assertTrue(cli.err().contains("'reflect'"), cli.err());
  }

  @Test
  void aTableIsACatalogNameNotAPath() {
    assertEquals(2, cli.run("evaluate", "--table", "csv.`" + Path.of(SAMPLE).toAbsolutePath() + "`", "--task", "binary",
        "--label", "label", "--score", "score", "--output", dir.resolve("out").toString()));
    assertTrue(cli.err().contains("names a path, not a table of the catalog"), cli.err());
    assertEquals(2, cli.run("evaluate", "--table", "csv.predictions", "--task", "binary",
        "--label", "label", "--score", "score", "--output", dir.resolve("out").toString()));
    assertTrue(cli.err().contains("reads files as a table"), cli.err());
  }

  @Test
  void aJobFileIncludesOnlyFilesBesideIt() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("private.conf");
    Files.writeString(elsewhere, "PRIVATE_VALUE_42 = 1\n");
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(jobs.resolve("shared.conf"), "task = binary\nlabel = label\n");
    String body = "score = score, format = csv, input = \"" + Path.of(SAMPLE).toAbsolutePath() + "\", output = \""
        + dir.resolve("out") + "\"\n";
    Path bad = jobs.resolve("bad.conf");
    Files.writeString(bad, "include required(file(\"" + elsewhere + "\"))\n" + body);
    assertEquals(2, cli.run("evaluate", "--config", bad.toString()));
    assertTrue(cli.err().contains("a job file may include only files in its own folder"), cli.err());
    assertFalse(cli.err().contains("PRIVATE_VALUE_42"), cli.err());
    Path good = jobs.resolve("good.conf");
    Files.writeString(good, "include \"shared.conf\"\n" + body);
    assertEquals(0, cli.run("evaluate", "--config", good.toString()), cli.err());
  }

  /**
   * A job file that includes itself, through another file or directly, or that nests its objects
   * thousands deep, is a usage error in one line: each threw a StackOverflowError out of the command.
   * A file included twice, but not within itself, is read.
   */
  @Test
  void aJobFileThatIncludesItselfOrNestsThousandsDeepIsRefused() throws Exception {
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    String body = "task = binary, label = label, score = score, format = csv, input = \"" + Path.of(SAMPLE)
        .toAbsolutePath() + "\", output = \"" + dir.resolve("out") + "\"\n";
    Path job = Files.writeString(jobs.resolve("job.conf"), "include \"shared.conf\"\n" + body);
    Files.writeString(jobs.resolve("shared.conf"), "include \"job.conf\"\n");
    assertEquals(2, cli.run("evaluate", "--config", job.toString()));
    assertEquals("error: --config " + job + " includes itself: job.conf includes shared.conf includes job.conf;"
        + " include each file once, from a file it does not include", cli.error());
    Files.writeString(jobs.resolve("shared.conf"), "include \"threshold.conf\"\ninclude \"threshold.conf\"\n");
    Files.writeString(jobs.resolve("threshold.conf"), "threshold = 0.5\n");
    assertEquals(0, cli.run("evaluate", "--config", job.toString()), cli.err());
    Path deep = Files.writeString(jobs.resolve("deep.conf"), "vars " + "{ a ".repeat(5000) + "}".repeat(5000) + "\n"
        + body);
    assertEquals(2, cli.run("evaluate", "--config", deep.toString()));
    assertEquals("error: --config " + deep + " nests its objects or lists thousands deep, deeper than the job file's"
        + " reader follows; write it with fewer levels", cli.error());
  }

  @Test
  void aLossClassIsCheckedBeforeItsStaticCodeRuns() throws Exception {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "x,y\n0.1,0\n0.9,1\n");
    assertEquals(2, cli.run("train", "--input", rows.toString(), "--format", "csv", "--features", "x", "--label", "y",
        "--loss", "io.evalspark.train.NotALoss", "--output", dir.resolve("model").toString()));
    assertTrue(cli.err().contains("does not implement io.evalspark.loss.PointLoss"), cli.err());
    assertNull(System.getProperty("evalspark.test.not-a-loss-initialised"), "the class's static code ran");
  }

  @Test
  void aMetricClassIsCheckedBeforeItsStaticCodeRuns() throws Exception {
    Path rows = Files.writeString(dir.resolve("scores.csv"), "y,p\n0,0.1\n1,0.9\n");
    assertEquals(2, cli.run("evaluate", "--input", rows.toString(), "--format", "csv", "--task", "binary", "--label",
        "y", "--score", "p", "--metric-class", "io.evalspark.metrics.NotAMetricState", "--output",
        dir.resolve("out").toString()));
    assertTrue(cli.err().contains("does not implement io.evalspark.metrics.CustomMetricState"), cli.err());
    assertNull(System.getProperty("evalspark.test.not-a-metric-state-initialised"), "the class's static code ran");
  }
}
