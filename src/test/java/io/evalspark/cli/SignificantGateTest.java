package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.metrics.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly gates with {@code significant}: two days that differ only by noise pass the gate that
 * the same bound without {@code significant} fails; a real drop on 100,000 rows fails both; the
 * history records each metric's standard error and interval.
 */
class SignificantGateTest {
  private static final String PLAIN = "roc_auc >= previous - 0.005";
  private static final String SIGNIFICANT = "roc_auc >= previous - 0.005 significant";

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  /** A day's predictions: label 1 with probability 0.3, score the sigmoid of N(0, 1) + separation y - 1. */
  private static double[][] day(int rows, double separation, long seed) {
    Random r = new Random(seed);
    double[][] out = new double[2][rows];
    for (int i = 0; i < rows; i++) {
      out[0][i] = r.nextDouble() < 0.3 ? 1 : 0;
      out[1][i] = 1 / (1 + Math.exp(-(r.nextGaussian() + separation * out[0][i] - 1)));
    }
    return out;
  }

  private static double auc(double[][] day) {
    double[] ones = new double[day[0].length];
    Arrays.fill(ones, 1.0);
    return Reference.rocAuc(day[0], day[1], ones);
  }

  private void write(double[][] day, String date) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < day[0].length; i++) {
      rows.add(RowFactory.create(date, day[0][i], day[1][i]));
    }
    StructType schema = new StructType().add("day", DataTypes.StringType).add("label", DataTypes.DoubleType)
        .add("score", DataTypes.DoubleType);
    TestSpark.session().createDataFrame(rows, schema).repartition(2).write().mode("append")
        .parquet(dir.resolve("predictions").toString());
  }

  private int run(String date) throws Exception {
    Path job = dir.resolve("job.conf");
    Files.writeString(job, String.join("\n",
        "input = \"" + dir.resolve("predictions") + "\"",
        "task = binary",
        "label = label",
        "score = score",
        "confidence = 0.95",
        "evaluations = [{ name = ctr, where = \"day = '" + date + "'\", gates = [\"" + PLAIN + "\", \"" + SIGNIFICANT
            + "\"] }]"));
    return cli.run("evaluate", "--config", job.toString(), "--run-date", date, "--history",
        dir.resolve("history").toString(), "--output", dir.resolve("out/" + date).toString());
  }

  private String line(String status, String gate) {
    for (String l : (cli.out() + "\n" + cli.err()).split("\n")) {
      if (l.contains(status + " " + gate + " [")) {
        return l;
      }
    }
    throw new AssertionError("no '" + status + " " + gate + "' in\n" + cli.out() + cli.err());
  }

  @Test
  void aHistoryWrittenBeforeIntervalsStillReadsAppendsAndGates() throws Exception {
    // written by main before this change: the sample job of 2026-11-20, with its states (--keep-states)
    Path old = Path.of("src/test/resources/history/before-intervals");
    for (String table : List.of("history", "history_states")) {
      try (var files = Files.walk(old.resolve(table))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = dir.resolve(old.relativize(f));
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
    int code = cli.run("evaluate", "--config", "src/test/resources/jobs/nightly.conf", "--run-date", "2026-11-21",
        "--history", dir.resolve("history").toString(), "--keep-states", "--windows", "7", "--confidence", "0.95",
        "--gate", "log_loss <= previous + 2% significant", "--output", dir.resolve("out").toString());
    assertTrue(code == 0 || code == EvaluateCommand.GATE_FAILED, code + ": " + cli.err());
    String gate = cli.out() + cli.err();
    assertTrue(gate.contains("previous run 2026-11-20 has no standard error recorded; only this run's counts"), gate);
    List<Row> rows = TestSpark.session().read().format("delta").load(dir.resolve("history").toString())
        .where("metric = 'log_loss' AND evaluation = 'ctr'").orderBy("run_date", "window_days")
        .select("run_date", "window_days", "stderr").collectAsList();
    assertEquals(3, rows.size(), rows.toString()); // the old day, the new day, the new day's 7-day window
    assertTrue(rows.get(0).isNullAt(2), "the old day has no standard error: " + rows);
    assertTrue(rows.get(1).getDouble(2) > 0, "the new day has one: " + rows);
    assertTrue(rows.get(2).isNullAt(2), "a window over days with and without intervals has none: " + rows);
  }

  @Test
  void noiseIsNotADropButARealDropIs() throws Exception {
    // day 2 comes from the same population as day 1; take the first seed whose AUC is lower by noise alone
    double[][] first = day(3000, 1.6, 1);
    double[][] second = null;
    for (long seed = 2; second == null; seed++) {
      double[][] candidate = day(3000, 1.6, seed);
      double drop = auc(first) - auc(candidate);
      if (drop > 0.008 && drop < 0.015) {
        second = candidate;
      }
    }
    write(first, "2026-11-01");
    write(second, "2026-11-02");
    assertEquals(0, run("2026-11-01"), cli.err());
    assertEquals(EvaluateCommand.GATE_FAILED, run("2026-11-02"), cli.err());
    line("FAILED", PLAIN);
    String passed = line("PASSED", SIGNIFICANT);
    assertTrue(passed.contains("95% interval [") && passed.contains("not a significant crossing"), passed);

    List<Row> recorded = TestSpark.session().read().format("delta").load(dir.resolve("history").toString())
        .where("metric = 'roc_auc' AND run_date = DATE'2026-11-02'").select("value", "stderr", "lower", "upper")
        .collectAsList();
    assertEquals(1, recorded.size());
    Row r = recorded.get(0);
    assertEquals(auc(second), r.getDouble(0), 1e-3); // a 10,000-bin histogram of full-precision scores
    assertTrue(r.getDouble(1) > 0.004 && r.getDouble(1) < 0.02, "an AUC's standard error on 3,000 rows: " + r);
    assertTrue(r.getDouble(2) < r.getDouble(0) && r.getDouble(0) < r.getDouble(3), r.toString());

    // a real drop, on 100,000 rows a day: both gates fail, the significant one saying by how much
    write(day(100_000, 1.6, 100), "2026-11-03");
    write(day(100_000, 1.3, 101), "2026-11-04");
    assertEquals(0, run("2026-11-03"), cli.err());
    assertEquals(EvaluateCommand.GATE_FAILED, run("2026-11-04"), cli.err());
    line("FAILED", PLAIN);
    String failed = line("FAILED", SIGNIFICANT);
    assertTrue(failed.contains("difference from the bound -") && failed.contains(": the crossing is significant"),
        failed);
    String report = Files.readString(dir.resolve("out/2026-11-04/report.html"));
    assertTrue(report.contains("<h3>Gated metrics by run date</h3>"), "the morning's chart");
    assertTrue(report.contains("alt=\"roc_auc over 4 run dates, with its 95% interval\" src=\"data:image/png;base64,"),
        "roc_auc drawn over the 4 run dates of the history");
    assertTrue(report.contains("<th>95% interval</th><th>stderr</th>"), "the metric table shows each interval");
  }
}
