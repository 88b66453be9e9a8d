package io.evalspark.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Input rows read so far, each partition of each Spark stage counted once: a partition's count is
 * that of its task that succeeded, or while none has, the largest a running attempt of it has
 * reported in a heartbeat. A task Spark re-runs (a lost executor, a fetch failure, speculation)
 * replaces its earlier count instead of adding to it. Thread-safe; Spark's listener bus and the
 * progress printer share it.
 */
final class RowsRead {
  /** A partition of a stage: the part of the input that tasks of every attempt of it read. */
  record Part(int stage, int partition) {}

  private final Map<Long, Part> parts = new HashMap<>();
  private final Map<Long, Long> running = new HashMap<>();
  private final Set<Long> ended = new HashSet<>();
  private final Map<Part, Long> succeeded = new HashMap<>();

  /** A task of {@code part} has started. */
  synchronized void started(long task, Part part) {
    parts.put(task, part);
  }

  /**
   * A running task's count so far. Counts only grow, so an older report is ignored, and so is a
   * heartbeat that arrives after its task's end.
   */
  synchronized void running(long task, long rows) {
    if (!ended.contains(task) && parts.containsKey(task)) {
      running.merge(task, rows, Math::max);
    }
  }

  /** A task has ended; {@code rows} counts only if it succeeded. */
  synchronized void ended(long task, boolean success, long rows) {
    running.remove(task);
    ended.add(task);
    Part part = parts.remove(task);
    if (success && part != null) {
      succeeded.put(part, rows);
    }
  }

  /** Rows of every partition read or being read, each once. */
  synchronized long total() {
    Map<Part, Long> rows = new HashMap<>(succeeded);
    running.forEach((task, n) -> {
      Part part = parts.get(task);
      if (!succeeded.containsKey(part)) {
        rows.merge(part, n, Math::max);
      }
    });
    long total = 0;
    for (long n : rows.values()) {
      total += n;
    }
    return total;
  }

  /** Starts counting from zero. */
  synchronized void reset() {
    running.clear();
    ended.clear();
    succeeded.clear();
  }
}
