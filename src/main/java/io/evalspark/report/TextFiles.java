package io.evalspark.report;

import io.evalspark.core.OutputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Writes text files whole or not at all. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Writes {@code text} to {@code file}: first to a temporary file beside it, which is then renamed
   * over the target, so a reader never sees half a file and a failure leaves the old one.
   */
  public static Path writeAtomically(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // not createTempFile, whose owner-only permissions the renamed file would keep
      Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return file;
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + e.getMessage()
          + "; check that its directory can be written to and has space", e);
    }
  }
}
