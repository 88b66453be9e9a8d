package io.evalspark.jobfile;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code evaluate} that describe the run as a whole. Each is also a job-file key of
 * the same name without dashes, at the top of the file: this class is where those keys are defined
 * ({@link JobKeys}). A flag overrides the file's key.
 */
public final class RunOptions {
  @Option(names = "--output", description = "Directory for metrics.json and report.html.") String output;
  @Option(names = "--run-date", description = "The date the run is recorded under (default $RUN_DATE via the job file,"
      + " or today).") String runDate;
  @Option(names = "--history", description = "The history: a Parquet PATH (with a '/') or a metastore TABLE.")
  String history;
  @Option(names = "--keep-states", description = "Also store the states, for rolling windows.") Boolean keepStates;
  @Option(names = "--windows", split = ",", description = "Rolling windows in days, e.g. 7,30 (needs --history).")
  List<Integer> windows;
  @Option(names = "--drift-baseline", description = "Binary: psi_vs_baseline and ks_vs_baseline against the states"
      + " stored for this many days before the run (needs --history and --keep-states).") Integer driftBaseline;
}
