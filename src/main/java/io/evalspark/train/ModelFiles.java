package io.evalspark.train;

import io.evalspark.report.HtmlReport;
import io.evalspark.report.Json;
import io.evalspark.report.TextFiles;

/** Writes a training run's files: {@code model.json}, {@code history.json}, {@code history.csv}, {@code report.html}. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Writes the run into {@code dir}. Everything is computed before the first byte is written, and
   * each file appears whole (written to a temporary name, then renamed); the model comes last.
   */
  public static String write(TrainingResult result, String dir) {
    String historyJson = Json.write(result.history().columns());
    String historyCsv = result.history().csv();
    String report = HtmlReport.trainingPage("evalspark training run", result.history().columns());
    String model = Json.write(result.model().tree());
    TextFiles.writeAtomically(TextFiles.child(dir, "history.json"), historyJson);
    TextFiles.writeAtomically(TextFiles.child(dir, "history.csv"), historyCsv);
    TextFiles.writeAtomically(TextFiles.child(dir, "report.html"), report);
    return TextFiles.writeAtomically(TextFiles.child(dir, TrainedModel.FILE), model);
  }
}
