package io.evalspark.train;

import io.evalspark.report.HtmlReport;
import io.evalspark.report.Json;
import io.evalspark.report.StagedFiles;
import io.evalspark.report.TextFiles;

/** Writes a training run's files: {@code model.json}, {@code history.json}, {@code history.csv}, {@code report.html}. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Writes the run into {@code dir}. Everything is computed before the first byte is written; the
   * files are written aside in full, then renamed into place together ({@link StagedFiles}), the
   * model last: a file that cannot be written leaves the files of the training before.
   */
  public static String write(TrainingResult result, String dir) {
    String historyJson = Json.write(result.history().columns());
    String historyCsv = result.history().csv();
    String report = HtmlReport.trainingPage("evalspark training run", result.history().columns());
    String model = Json.write(result.model().tree());
    try (StagedFiles files = new StagedFiles()) {
      files.add(TextFiles.child(dir, "history.json"), historyJson);
      files.add(TextFiles.child(dir, "history.csv"), historyCsv);
      files.add(TextFiles.child(dir, "report.html"), report);
      files.add(TextFiles.child(dir, TrainedModel.FILE), model);
      return files.commit().get(3);
    }
  }
}
