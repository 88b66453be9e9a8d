package io.evalspark.train;

import io.evalspark.report.HtmlReport;
import io.evalspark.report.Json;
import io.evalspark.report.TextFiles;
import java.nio.file.Path;

/** Writes a training run's files: {@code model.json}, {@code history.json}, {@code history.csv}, {@code report.html}. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Writes the run into {@code dir}. Everything is computed before the first byte is written, and
   * each file appears whole (written to a temporary name, then renamed); the model comes last.
   */
  public static Path write(TrainingResult result, Path dir) {
    String historyJson = Json.write(result.history().columns());
    String historyCsv = result.history().csv();
    String report = HtmlReport.trainingPage("evalspark training run", result.history().columns());
    String model = Json.write(result.model().tree());
    TextFiles.writeAtomically(dir.resolve("history.json"), historyJson);
    TextFiles.writeAtomically(dir.resolve("history.csv"), historyCsv);
    TextFiles.writeAtomically(dir.resolve("report.html"), report);
    return TextFiles.writeAtomically(dir.resolve(TrainedModel.FILE), model);
  }
}
