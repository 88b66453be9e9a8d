package io.evalspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void aReplacedFileIsWholeAloneAndAsReadableAsAnyNewFile() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path file = dir.resolve("report.html");
    TextFiles.writeAtomically(file.toString(), "old");
    TextFiles.writeAtomically(file.toString(), "new text");
    assertEquals("new text", Files.readString(file));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file),
        "the umask decides, as for any file the job writes");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("plain.txt", "report.html"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
