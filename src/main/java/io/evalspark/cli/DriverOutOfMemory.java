package io.evalspark.cli;

import org.apache.spark.SparkContext;

/**
 * Ends the running Spark jobs when one of the driver's threads dies of an {@link OutOfMemoryError}.
 * Spark's threads that fetch task results let that error through: the thread dies, the task it
 * was fetching never finishes, and its job waits for ever with no task running. Here the jobs are
 * cancelled instead, for a reason that names the error, so the evaluation ends with the error that
 * says what to change ({@code --driver-memory}). The commands' sessions install it as the JVM's
 * handler of uncaught exceptions; it then hands every uncaught exception on to the handler there
 * before, or prints it as Java does without one.
 */
final class DriverOutOfMemory implements Thread.UncaughtExceptionHandler {
  private final SparkContext sc;
  private final Thread.UncaughtExceptionHandler before;

  private DriverOutOfMemory(SparkContext sc, Thread.UncaughtExceptionHandler before) {
    this.sc = sc;
    this.before = before;
  }

  /** Cancels {@code sc}'s running jobs when a thread dies of an out-of-memory error, from now on. */
  static synchronized void watch(SparkContext sc) {
    Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
    if (current instanceof DriverOutOfMemory watching) {
      if (watching.sc == sc) {
        return;
      }
      current = watching.before; // a context stopped since: watch the new one instead
    }
    Thread.setDefaultUncaughtExceptionHandler(new DriverOutOfMemory(sc, current));
  }

  @Override
  public void uncaughtException(Thread thread, Throwable e) {
    if (e instanceof OutOfMemoryError && !sc.isStopped()) {
      String reason = "the driver ran out of memory (" + e + ", in thread " + thread.getName() + ")";
      for (int job : sc.statusTracker().getActiveJobIds()) {
        sc.cancelJob(job, reason);
      }
    }
    if (before != null) {
      before.uncaughtException(thread, e);
    } else {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      e.printStackTrace(System.err);
    }
  }
}
