package io.evalspark.cli;

import io.evalspark.run.RunProgress;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;

/**
 * Progress on the console: a line when a stage starts, and while it runs a line every interval
 * in which more input rows were read: those of finished tasks and, from executors' heartbeats
 * ({@code spark.executor.heartbeatInterval}, 10 s by default), about those of running ones. Quiet
 * prints nothing.
 */
public final class Progress implements AutoCloseable, RunProgress {
  /** The SQL metric of an operator's rows, the scan's among them. */
  private static final String OUTPUT_ROWS = "number of output rows";
  private final PrintWriter out;
  private final boolean quiet;
  private final long intervalMillis;
  private final SparkSession spark;
  private final RowsRead rowsRead = new RowsRead();
  private final Listener listener = new Listener();
  private volatile String stage;
  private Thread ticker;

  /** Progress of jobs on {@code spark}, printed to {@code out} every {@code intervalMillis}. */
  public Progress(SparkSession spark, PrintWriter out, boolean quiet, long intervalMillis) {
    this.spark = spark;
    this.out = out;
    this.quiet = quiet;
    this.intervalMillis = intervalMillis;
    if (!quiet) {
      spark.sparkContext().addSparkListener(listener);
      ticker = new Thread(this::tick, "evalspark-progress");
      ticker.setDaemon(true);
      ticker.start();
    }
  }

  /** Starts a stage: prints its name, names the Spark jobs after it, and counts its rows from zero. */
  @Override
  public void stage(String name) {
    spark.sparkContext().setJobDescription("evalspark: " + name); // what the Spark UI shows of each job
    stage = name;
    rowsRead.reset();
    print(name);
  }

  /** Ends the current stage with what it did. */
  @Override
  public void done(String what) {
    stage = null;
    print("  " + what);
  }

  @Override
  public void close() {
    if (!quiet) {
      ticker.interrupt();
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  private void tick() {
    long shown = 0;
    String shownStage = null;
    try {
      while (true) {
        Thread.sleep(intervalMillis);
        long rows = rowsRead.total();
        String s = stage;
        if (s != shownStage) {
          shown = 0;
          shownStage = s;
        }
        if (s != null && rows > shown) {
          print(String.format(Locale.ROOT, "  %s: %,d rows read", s, rows));
          shown = rows;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void print(String line) {
    if (!quiet) {
      out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
      out.flush();
    }
  }

  private final class Listener extends SparkListener {
    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      rowsRead.started(start.taskInfo().taskId(), new RowsRead.Part(start.stageId(), start.taskInfo().partitionId()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      rowsRead.ended(end.taskInfo().taskId(), end.taskInfo().successful(),
          end.taskMetrics() == null ? 0 : end.taskMetrics().inputMetrics().recordsRead());
    }

    /**
     * Heartbeats carry running tasks' metrics, so a long task reports before it ends. They leave
     * out the names of Spark's internal metrics, so the rows come from the SQL metrics instead: the
     * largest "number of output rows" of a running task is its scan's.
     */
    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
      var tasks = update.accumUpdates().iterator();
      while (tasks.hasNext()) {
        var task = tasks.next();
        var accumulators = task._4().iterator();
        long rows = -1;
        while (accumulators.hasNext()) {
          AccumulableInfo a = accumulators.next();
          if (a.name().isDefined() && a.name().get().equals(OUTPUT_ROWS) && a.update().isDefined()
              && a.update().get() instanceof Long n) {
            rows = Math.max(rows, n);
          }
        }
        if (rows >= 0) {
          rowsRead.running((Long) task._1(), rows);
        }
      }
    }
  }
}
