package io.evalspark.cli;

import io.evalspark.core.Messages;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * One warning line for each lost executor and each failed task attempt, which Spark runs again;
 * the scheduler's own reports of them are off unless {@code --verbose} (see {@link Logs}). Tasks
 * that die with their executor are said once, with the executor. One instance a Spark context,
 * printing to the writer of the command that runs now.
 */
final class TaskTrouble extends SparkListener {
  private static TaskTrouble registered;
  private static SparkContext registeredOn;
  private volatile PrintWriter out;

  private TaskTrouble() {}

  /** Prints to {@code out} (or nowhere, for null) what goes wrong on {@code sc} from now on. */
  static synchronized void reportTo(SparkContext sc, PrintWriter out) {
    if (registeredOn != sc) {
      registered = new TaskTrouble();
      registeredOn = sc;
      sc.addSparkListener(registered);
    }
    registered.out = out;
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    if (!removed.reason().startsWith("Executor killed by driver")) { // dynamic allocation, or the end
      print("lost executor " + removed.executorId() + " (" + Messages.firstLine(removed.reason())
          + "); Spark runs its tasks again");
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.reason() == Success$.MODULE$ || end.reason() instanceof ExecutorLostFailure
        || end.reason() instanceof TaskKilled || !(end.reason() instanceof TaskFailedReason failure)) {
      return;
    }
    print("task " + end.taskInfo().index() + " of stage " + end.stageId() + " failed ("
        + Messages.firstLine(failure.toErrorString()) + "); Spark runs it again, up to spark.task.maxFailures times");
  }

  private void print(String line) {
    PrintWriter o = out;
    if (o != null) {
      o.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] warning: " + line);
      o.flush();
    }
  }
}
