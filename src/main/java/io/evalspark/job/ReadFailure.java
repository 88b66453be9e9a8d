package io.evalspark.job;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Messages;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure to read input files, deep inside a Spark job or a schema inference, into one line
 * a user can act on: the file and the reason ("cannot read part-0.parquet: CRC checksum verification
 * failed"), without Spark's stack of wrappers.
 */
final class ReadFailure {
  private static final Pattern FILE = Pattern.compile(
      "((?:file:|hdfs:|s3a?:|abfss?:|gs:|wasbs?:)?/[^\\s,;'\"\\]]+\\.(?:parquet|orc|json|csv|txt)(?:\\.[a-z0-9]+)?)");

  private ReadFailure() {}

  /** The failure as a data error naming the file, where one is named anywhere in its causes. */
  static Optional<BadDataException> of(Throwable failure) {
    List<Throwable> chain = Messages.causes(failure);
    String file = null;
    for (Throwable t : chain) {
      Matcher m = FILE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        file = m.group(1);
      }
    }
    if (file == null) {
      return Optional.empty();
    }
    Throwable root = chain.get(chain.size() - 1);
    String reason = Messages.firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    return Optional.of(new BadDataException("cannot read " + file + ": " + reason
        + " (a damaged or truncated file, or not of the input's format)"));
  }
}
