package io.evalspark.run;

import io.evalspark.jobfile.EvaluationConfig;
import io.evalspark.jobfile.RunConfig;
import io.evalspark.report.MetricsReport;
import io.evalspark.report.TextFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reports an earlier run left in the folders of this run's evaluations that this run did not
 * write again: a {@code model=NAME/metrics.json} of a model the input no longer has, or the
 * evaluation's own {@code metrics.json} where it now has a model column (and the other way round).
 * A run's output is its own reports, as a table written again is its new rows.
 */
final class StaleReports {
  private StaleReports() {}

  /**
   * Deletes the stale reports of {@code config}'s evaluations, {@code written} being the files this
   * run wrote, each with its folder when nothing of the user's is left in it; returns how many.
   */
  static int delete(RunConfig config, List<String> written) {
    Set<String> kept = written.stream().map(w -> TextFiles.key(TextFiles.location(w))).collect(Collectors.toSet());
    int deleted = 0;
    for (EvaluationConfig e : config.evaluations()) {
      for (String report : reports(config.outputOf(e))) {
        if (!kept.contains(TextFiles.key(TextFiles.location(report))) && TextFiles.deleteWithEmptyFolder(report)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** The places of reports in an evaluation's folder: its own, and one in each model's folder. */
  private static List<String> reports(String folder) {
    List<String> out = new ArrayList<>();
    out.add(TextFiles.child(folder, MetricsReport.FILE_NAME));
    for (String name : TextFiles.names(folder)) {
      if (name.startsWith(RunConfig.MODEL_FOLDER)) {
        out.add(TextFiles.child(TextFiles.child(folder, name), MetricsReport.FILE_NAME));
      }
    }
    return out;
  }
}
