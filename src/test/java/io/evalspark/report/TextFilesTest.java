package io.evalspark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void oneFolderWrittenFourWaysHasOneKey() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    String key = TextFiles.key(TextFiles.location(folder.toString()));
    assertEquals("file://" + folder, key);
    for (String written : List.of("file:" + folder, "file://" + folder, "file:" + folder + "/")) {
      assertEquals(key, TextFiles.key(new org.apache.hadoop.fs.Path(written)), written);
    }
    assertNotEquals(key, TextFiles.key(new org.apache.hadoop.fs.Path("file:" + folder + "2")));
  }

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
