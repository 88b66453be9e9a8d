package io.evalspark.train;

import io.evalspark.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a training run's files: {@code model.json}, {@code history.json}, {@code history.csv}. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * Writes the run into {@code dir}. Everything is computed before the first byte is written, and
   * each file appears whole (written to a temporary name, then renamed); the model comes last.
   */
  public static Path write(TrainingResult result, Path dir) throws IOException {
    String historyJson = Json.write(result.history().columns());
    String historyCsv = result.history().csv();
    String model = Json.write(result.model().tree());
    writeAtomically(dir, "history.json", historyJson);
    writeAtomically(dir, "history.csv", historyCsv);
    return writeAtomically(dir, TrainedModel.FILE, model);
  }

  static Path writeAtomically(Path dir, String name, String text) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path temp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }
}
