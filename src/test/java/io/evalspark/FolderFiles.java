package io.evalspark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a folder holds, for tests that check that a failed command left it as it was. */
public final class FolderFiles {
  private FolderFiles() {}

  /** The paths of everything under {@code folder} (itself as ""), relative to it, sorted. */
  public static List<String> of(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }
}
