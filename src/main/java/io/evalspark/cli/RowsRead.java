package io.evalspark.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Input rows read so far: those of finished tasks, plus the latest count each running task has
 * reported in a heartbeat. Thread-safe; Spark's listener bus and the progress printer share it.
 */
final class RowsRead {
  private final Map<Long, Long> running = new HashMap<>();
  private final Set<Long> ended = new HashSet<>();
  private long finished;

  /**
   * A running task's count so far. Counts only grow, so an older report is ignored, and so is a
   * heartbeat that arrives after its task's end.
   */
  synchronized void running(long task, long rows) {
    if (!ended.contains(task)) {
      running.merge(task, rows, Math::max);
    }
  }

  /** A task has ended, having read {@code rows}. */
  synchronized void finished(long task, long rows) {
    running.remove(task);
    ended.add(task);
    finished += rows;
  }

  /** Rows of finished and running tasks. */
  synchronized long total() {
    long total = finished;
    for (long r : running.values()) {
      total += r;
    }
    return total;
  }

  /** Starts counting from zero. */
  synchronized void reset() {
    running.clear();
    ended.clear();
    finished = 0;
  }
}
