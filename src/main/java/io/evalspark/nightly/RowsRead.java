package io.evalspark.nightly;

import java.util.HashMap;
import java.util.Map;

/**
 * Input rows read so far: those of finished tasks, plus the latest count each running task has
 * reported in a heartbeat. Thread-safe; Spark's listener bus and the progress printer share it.
 */
final class RowsRead {
  private final Map<Long, Long> running = new HashMap<>();
  private long finished;

  /** A running task's count so far (counts only grow; an older report is ignored). */
  synchronized void running(long task, long rows) {
    running.merge(task, rows, Math::max);
  }

  /** A task has ended, having read {@code rows}. */
  synchronized void finished(long task, long rows) {
    running.remove(task);
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
    finished = 0;
  }
}
