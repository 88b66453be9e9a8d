package io.evalspark.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.cli.CommandRun;
import io.evalspark.metrics.EvaluationStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history as a transactional table: a write stopped between any two of its steps leaves every
 * date wholly the old run's or wholly the new one's, with states of the same run as its metrics;
 * two writers of one date never both land; a Parquet history of earlier versions is converted
 * without losing a row.
 */
class HistoryTableTest {
  private static final String JOB = "src/test/resources/jobs/nightly.conf";
  private static final String DAY1 = "2026-11-20";
  private static final String DAY2 = "2026-11-21";
  private static final String[] STEPS = {"states appended", "metrics replaced", "other runs' states deleted"};
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  @AfterEach
  void noHooks() {
    HistoryTable.afterStep = step -> { };
    HistoryTable.whileWriting = null;
  }

  private String history() {
    return dir.resolve("history").toString();
  }

  /** Whether a run was recorded: it passed, or only its gates failed (exit 4). */
  private static boolean recorded(int exit) {
    return exit == 0 || exit == 4;
  }

  private int job(CommandRun cli, String date, String... extra) {
    List<String> args = new ArrayList<>(List.of("evaluate", "--config", JOB, "--run-date", date, "--history",
        history(), "--keep-states", "--output", dir.resolve("out/" + date + "-" + System.nanoTime()).toString()));
    args.addAll(Arrays.asList(extra));
    return cli.run(args.toArray(new String[0]));
  }

  private HistoryTable table() {
    return new HistoryTable(spark, history(), false);
  }

  /** The overall tp of evaluation ctr on {@code date}, from the metric rows. */
  private static double recordedTp(HistoryTable h, String date) {
    List<Row> rows = dated(h.metrics(), date).where("evaluation = 'ctr' AND window_days = 1 AND slice = 'overall'"
        + " AND metric = 'tp'").select("value").collectAsList();
    assertEquals(1, rows.size(), "one tp row of " + date);
    return rows.get(0).getDouble(0);
  }

  /** The overall tp of evaluation ctr on {@code date}, from the stored state a reader gets. */
  private static double storedTp(HistoryTable h, String date) {
    List<Row> rows = dated(h.states(), date).where("evaluation = 'ctr' AND slice = 'overall'").select("state")
        .collectAsList();
    assertEquals(1, rows.size(), "one overall state of ctr on " + date);
    return EvaluationStates.fromByteArray((byte[]) rows.get(0).get(0)).metrics().get("tp");
  }

  private static Dataset<Row> dated(Dataset<Row> rows, String date) {
    return rows.where(functions.col("run_date").equalTo(functions.lit(java.sql.Date.valueOf(date))));
  }

  /** The true positives of evaluation ctr (model v2) on {@code day} at {@code threshold}, counted from the sample. */
  private static double sampleTp(String day, double threshold) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/sample/predictions.csv"));
    return lines.subList(1, lines.size()).stream().map(l -> l.split(","))
        .filter(f -> f[0].equals("v2") && f[1].equals(day) && f[2].equals("1") && Double.parseDouble(f[3]) >= threshold)
        .count();
  }

  @Test
  void aWriteStoppedBetweenAnyTwoStepsLeavesEachDateWhole() throws Exception {
    CommandRun cli = new CommandRun();
    assertTrue(recorded(job(cli, DAY1)), cli.err());
    assertTrue(recorded(job(cli, DAY2)), cli.err());
    double day1 = sampleTp(DAY1, 0.5);
    assertEquals(day1, recordedTp(table(), DAY1));
    long day2Rows = dated(table().metrics(), DAY2).count();
    // Each run changes the threshold, so the date's tp says which run it holds.
    double[] thresholds = {0.2, 0.2, 0.5};
    double[] held = {0.5, 0.2, 0.5}; // a stop after the first step keeps the old run; after the second, the new one
    for (int s = 0; s < STEPS.length; s++) {
      String stop = STEPS[s];
      HistoryTable.afterStep = step -> {
        if (step.equals(stop)) {
          throw new IllegalStateException("killed after: " + step);
        }
      };
      assertEquals(1, job(cli, DAY2, "--threshold", String.valueOf(thresholds[s])), cli.err());
      HistoryTable.afterStep = step -> { };
      HistoryTable h = table();
      double day2 = recordedTp(h, DAY2);
      assertEquals(sampleTp(DAY2, held[s]), day2, "after '" + stop + "' the date is wholly one run's");
      assertEquals(day2, storedTp(h, DAY2), "the date's state comes from the run of its metrics, after '" + stop + "'");
      assertEquals(day2Rows, dated(h.metrics(), DAY2).count(), "no metric row twice, after '" + stop + "'");
      assertEquals(day1, recordedTp(h, DAY1), "the day before is untouched");
      assertEquals(day1, storedTp(h, DAY1));
    }
    // The next day's window merges each earlier day's states once, orphans of stopped runs left out.
    String day3 = "2026-11-22";
    assertTrue(recorded(job(cli, day3, "--windows", "3", "--allow-empty")), cli.err());
    List<Row> window = dated(table().metrics(), day3).where("evaluation = 'ctr' AND window_days = 3"
        + " AND slice = 'overall' AND metric = 'tp'").select("value", "days").collectAsList();
    assertEquals(day1 + sampleTp(DAY2, 0.5), window.get(0).getDouble(0), "the 3-day tp is the two recorded days' tp");
    assertEquals(3, window.get(0).getInt(1));
  }

  @Test
  void aRunOfOneEvaluationReplacesOnlyThatEvaluationsRowsOfTheDate() throws Exception {
    CommandRun cli = new CommandRun();
    assertTrue(recorded(job(cli, DAY1)), cli.err());
    HistoryTable h = table();
    double ctr = recordedTp(h, DAY1);
    long ctrRows = dated(h.metrics(), DAY1).where("evaluation = 'ctr'").count();
    long v1Rows = dated(h.metrics(), DAY1).where("evaluation = 'ctr-v1'").count();
    List<Object> v1Runs = dated(h.metrics(), DAY1).where("evaluation = 'ctr-v1'").select("run_id").distinct()
        .collectAsList().stream().map(r -> r.get(0)).toList();
    // a rerun of the other block of the job file: it replaced the whole date, ctr's rows and states too
    assertTrue(recorded(job(cli, DAY1, "--evaluation", "ctr-v1", "--threshold", "0.2")), cli.err());
    h = table();
    assertEquals(ctrRows, dated(h.metrics(), DAY1).where("evaluation = 'ctr'").count(), "ctr's rows stay");
    assertEquals(ctr, recordedTp(h, DAY1));
    assertEquals(ctr, storedTp(h, DAY1), "and so does its state, which readers still take");
    assertEquals(v1Rows, dated(h.metrics(), DAY1).where("evaluation = 'ctr-v1'").count(), "ctr-v1's are replaced");
    List<Object> rerun = dated(h.metrics(), DAY1).where("evaluation = 'ctr-v1'").select("run_id").distinct()
        .collectAsList().stream().map(r -> r.get(0)).toList();
    assertEquals(1, rerun.size());
    assertTrue(!v1Runs.contains(rerun.get(0)), "by the rerun's rows: " + v1Runs + " then " + rerun);
    assertEquals(1, dated(h.states(), DAY1).where("evaluation = 'ctr-v1' AND slice = 'overall'").count(),
        "one state of ctr-v1, the rerun's");
  }

  @Test
  void twoWritersOfOneDateNeverBothLand() throws Exception {
    CommandRun first = new CommandRun();
    assertTrue(recorded(job(first, DAY1)), first.err());
    AtomicReference<String> held = new AtomicReference<>();
    CountDownLatch heldThere = new CountDownLatch(1);
    CountDownLatch otherLanded = new CountDownLatch(1);
    Holder.set(held, heldThere, otherLanded);
    HistoryTable.whileWriting = Holder::hold;
    AtomicInteger heldExit = new AtomicInteger(-1);
    CommandRun heldCli = new CommandRun();
    Thread writer = new Thread(() -> heldExit.set(job(heldCli, DAY2, "--threshold", "0.2")));
    writer.start();
    assertTrue(heldThere.await(120, TimeUnit.SECONDS), "the first writer reached its commit");
    CommandRun other = new CommandRun();
    assertTrue(recorded(job(other, DAY2)), other.err());
    otherLanded.countDown();
    writer.join(120_000);
    assertEquals(1, heldExit.get(), heldCli.err());
    assertTrue(heldCli.err().contains("another run wrote the history's date " + DAY2 + " at"), heldCli.err());
    HistoryTable h = table();
    assertEquals(1, dated(h.metrics(), DAY2).select("run_id").distinct().count(), "one run's rows");
    assertEquals(recordedTp(h, DAY2), storedTp(h, DAY2));
    String landed = dated(h.metrics(), DAY2).select("run_id").first().getString(0);
    assertTrue(!landed.equals(held.get()), "the run that was held is not the one recorded");
  }

  /** Holds the first writer's metric rows until the second writer has landed. */
  static final class Holder {
    private static AtomicReference<String> held;
    private static CountDownLatch heldThere;
    private static CountDownLatch otherLanded;

    static void set(AtomicReference<String> h, CountDownLatch there, CountDownLatch landed) {
      held = h;
      heldThere = there;
      otherLanded = landed;
    }

    static void hold(Row row) throws InterruptedException {
      String runId = row.getString(row.fieldIndex("run_id"));
      held.compareAndSet(null, runId);
      if (runId.equals(held.get())) {
        heldThere.countDown();
        otherLanded.await(120, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aParquetHistoryOfEarlierVersionsIsConvertedWithoutLosingARow() throws Exception {
    // The layout earlier versions wrote: Parquet partitioned by run_date, states beside it, no run ids.
    Path history = dir.resolve("history");
    CommandRun cli = new CommandRun();
    Path scratch = dir.resolve("scratch");
    assertTrue(recorded(cli.run("evaluate", "--config", JOB, "--run-date", DAY1, "--history", scratch.toString(),
        "--keep-states", "--output", dir.resolve("scratch-out").toString())), cli.err());
    HistoryTable made = new HistoryTable(spark, scratch.toString(), false);
    made.metrics().drop("run_id").write().partitionBy("run_date").parquet(history.toString());
    made.states().drop("run_id").write().partitionBy("run_date").parquet(history + "_states");
    Files.createDirectories(history.resolve(".staging-left-by-a-killed-run"));
    long rowsBefore = spark.read().parquet(history.toString()).count();
    double tpBefore = spark.read().parquet(history.toString()).where("evaluation = 'ctr' AND slice = 'overall'"
        + " AND metric = 'tp' AND window_days = 1").first().getDouble(spark.read().parquet(history.toString())
        .schema().fieldIndex("value"));

    assertTrue(recorded(job(cli, DAY2, "--windows", "2", "--gate", "log_loss <= previous - 100")), cli.err());
    assertTrue(cli.out().contains("previous run " + DAY1), "the converted day is the previous run: " + cli.out());
    assertTrue(cli.out().contains("last 2 days (2 with states)"), cli.out());
    HistoryTable h = table();
    assertEquals(rowsBefore, dated(h.metrics(), DAY1).count(), "every row of the converted history");
    assertEquals(tpBefore, recordedTp(h, DAY1));
    assertEquals(tpBefore, storedTp(h, DAY1), "the converted states are the converted day's");
    assertTrue(Files.exists(history.resolve("_delta_log")));
    assertTrue(!Files.exists(history.resolve(".staging-left-by-a-killed-run")));
  }

  @Test
  void aParquetHistoryTableOfEarlierVersionsIsConvertedToo() throws Exception {
    CommandRun cli = new CommandRun();
    Path scratch = dir.resolve("scratch");
    assertTrue(recorded(cli.run("evaluate", "--config", JOB, "--run-date", DAY1, "--history", scratch.toString(),
        "--keep-states", "--output", dir.resolve("scratch-out").toString())), cli.err());
    HistoryTable made = new HistoryTable(spark, scratch.toString(), false);
    spark.sql("DROP TABLE IF EXISTS old_history");
    spark.sql("DROP TABLE IF EXISTS old_history_states");
    made.metrics().drop("run_id").write().format("parquet").partitionBy("run_date").saveAsTable("old_history");
    made.states().drop("run_id").write().format("parquet").partitionBy("run_date").saveAsTable("old_history_states");
    long rowsBefore = spark.table("old_history").count();
    try {
      assertTrue(recorded(cli.run("evaluate", "--config", JOB, "--run-date", DAY2, "--history", "old_history",
          "--windows", "2", "--output", dir.resolve("out-table").toString())), cli.err());
      assertTrue(cli.out().contains("last 2 days (2 with states)"), cli.out());
      HistoryTable h = new HistoryTable(spark, "old_history", true);
      assertEquals(rowsBefore, dated(h.metrics(), DAY1).count(), "every row of the converted table");
      assertEquals(recordedTp(h, DAY1), storedTp(h, DAY1));
    } finally {
      spark.sql("DROP TABLE IF EXISTS old_history");
      spark.sql("DROP TABLE IF EXISTS old_history_states");
    }
  }
}
