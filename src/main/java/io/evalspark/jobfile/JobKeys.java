package io.evalspark.jobfile;

import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The keys a job file may hold, derived from the picocli model of {@code evaluate}'s flags: every
 * flag of {@link EvaluationOptions} and {@link RunOptions} is a key of its longest name without
 * dashes, and a few keys exist only in files.
 */
public final class JobKeys {
  /** The keys of an evaluation block: every {@link EvaluationOptions} flag, and {@code name}. */
  public static final Set<String> EVALUATION = keys(new EvaluationOptions(), "name");
  /**
   * The keys of the run at the top of a file: every {@link RunOptions} flag, {@code evaluations}
   * (the list of blocks) and {@code vars} (values for substitutions, not read otherwise).
   */
  public static final Set<String> RUN = keys(new RunOptions(), "evaluations", "vars");

  private JobKeys() {}

  /** The job-file key of a flag: its longest name without the dashes. */
  public static String of(OptionSpec flag) {
    return flag.longestName().substring(2);
  }

  private static Set<String> keys(Object options, String... fileOnly) {
    Set<String> keys = new HashSet<>(Set.of(fileOnly));
    for (OptionSpec o : CommandSpec.forAnnotatedObject(options).options()) {
      keys.add(of(o));
    }
    return Set.copyOf(keys);
  }
}
