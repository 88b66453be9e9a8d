package io.evalspark.report;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.RowCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics.json} report: {@code task, rows, evaluated_rows, invalid_rows, metrics,
 * curves (binary) or per_class and confusion_matrix (multiclass), invalid, slices}. Scripts read
 * these names; keep them.
 */
public final class MetricsReport {
  private MetricsReport() {}

  /** The report as a JSON-ready tree. */
  public static Map<String, Object> tree(EvaluationResult result) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("task", result.spec().task().displayName());
    EvaluationState<?> overall = result.overall();
    counts(overall.rowCounts(), top);
    top.put("metrics", overall.metrics());
    top.putAll(overall.details());
    Map<String, Object> invalid = new LinkedHashMap<>();
    overall.rowCounts().invalidByReason().forEach((reason, n) -> invalid.put(reason, n));
    top.put("invalid", invalid);
    List<Map<String, Object>> slices = new ArrayList<>();
    for (SliceResult s : result.slices()) {
      Map<String, Object> slice = new LinkedHashMap<>();
      slice.put("key", s.key());
      counts(s.state().rowCounts(), slice);
      slice.put("metrics", s.state().metrics());
      slices.add(slice);
    }
    top.put("slices", slices);
    return top;
  }

  private static void counts(RowCounts rows, Map<String, Object> into) {
    into.put("rows", rows.rows());
    into.put("evaluated_rows", rows.evaluatedRows());
    into.put("invalid_rows", rows.invalidRows());
  }

  /**
   * Writes {@code dir/metrics.json} whole or not at all: the text goes to a temporary file in the
   * same directory that is then renamed over the target.
   */
  public static Path write(EvaluationResult result, Path dir) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve("metrics.json");
      Path temp = Files.createTempFile(dir, ".metrics", ".json.tmp");
      try {
        Files.writeString(temp, Json.write(tree(result)), StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }
}
