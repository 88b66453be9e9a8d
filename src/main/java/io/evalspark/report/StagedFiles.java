package io.evalspark.report;

import io.evalspark.core.OutputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Text files that land together: each is written in full to a hidden file beside its place as it
 * is added, and only once every one of them is written are they renamed into place. A file that
 * cannot be written (a full disk, a folder in its way) leaves every file already there as it was;
 * closing without {@link #commit} deletes what was written aside.
 */
public final class StagedFiles implements AutoCloseable {
  private final List<Staged> staged = new ArrayList<>();
  /** The folders made for the files: deleted again, when left empty, where nothing lands. */
  private final List<Made> madeFolders = new ArrayList<>();
  private boolean committed;

  /** A file written aside: where it is, where it goes, and their file system. */
  private record Staged(FileSystem fs, Path temp, Path target) {}

  /** A folder made for a file, and its file system. */
  private record Made(FileSystem fs, Path folder) {}

  /** Writes {@code text} aside, for the file {@code file}. */
  public void add(String file, String text) {
    Path target = TextFiles.location(file);
    Path dir = target.getParent();
    try {
      FileSystem fs = TextFiles.fileSystem(target);
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new OutputException("cannot write " + target + ": " + dir + " is a file, not a folder", null);
      }
      for (Path d = dir; d != null && !fs.exists(d); d = d.getParent()) {
        madeFolders.add(new Made(fs, d));
      }
      fs.mkdirs(dir);
      if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
        throw new OutputException("cannot write " + target + ": a folder of that name is in the way", null);
      }
      Path temp = new Path(dir, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      staged.add(new Staged(fs, temp, target));
      try (OutputStream out = fs.create(temp, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw cannotWrite(target, e);
    }
  }

  /** Renames every file written aside into its place, in the order added; returns their places. */
  public List<String> commit() {
    List<String> out = new ArrayList<>();
    for (Staged s : staged) {
      try {
        // the local disk's rename replaces the old file at once; where a file system's does not (HDFS),
        // the old file goes just before the new one takes its place
        if (!s.fs().rename(s.temp(), s.target())
            && !(s.fs().delete(s.target(), false) && s.fs().rename(s.temp(), s.target()))) {
          throw new IOException("cannot rename " + s.temp() + " to " + s.target());
        }
      } catch (IOException e) {
        throw cannotWrite(s.target(), e);
      }
      out.add(s.target().toString());
    }
    committed = true;
    return out;
  }

  /**
   * Deletes what is still aside: everything, where {@link #commit} was not called or failed, and
   * then the folders made for the files that are left empty.
   */
  @Override
  public void close() {
    try {
      for (Staged s : staged) {
        s.fs().delete(s.temp(), false);
      }
      if (!committed) {
        madeFolders.sort(Comparator.comparingInt((Made m) -> m.folder().depth()).reversed()); // the deepest first
        for (Made m : madeFolders) {
          if (m.fs().exists(m.folder()) && m.fs().listStatus(m.folder()).length == 0) {
            m.fs().delete(m.folder(), false);
          }
        }
      }
    } catch (IOException e) {
      // a hidden file or an empty folder is left for the user to delete; the error that brought us here matters more
    }
  }

  private static OutputException cannotWrite(Path target, IOException e) {
    return new OutputException("cannot write " + target + ": " + e.getMessage()
        + "; check that its folder can be written to and has space", e);
  }
}
