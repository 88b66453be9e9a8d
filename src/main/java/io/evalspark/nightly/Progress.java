package io.evalspark.nightly;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress on the console: a line when a stage starts, and while it runs a line every interval
 * in which more input rows were read (counted from Spark's finished tasks, so a pass over few large
 * files reports in few steps). Quiet prints nothing.
 */
public final class Progress implements AutoCloseable {
  private final PrintWriter out;
  private final boolean quiet;
  private final long intervalMillis;
  private final SparkSession spark;
  private final AtomicLong rowsRead = new AtomicLong();
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

  /** Starts a stage: prints its name and counts its rows from zero. */
  public void stage(String name) {
    stage = name;
    rowsRead.set(0);
    print(name);
  }

  /** Ends the current stage with what it did. */
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
        long rows = rowsRead.get();
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
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        rowsRead.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
      }
    }
  }
}
