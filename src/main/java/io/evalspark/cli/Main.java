package io.evalspark.cli;

import io.evalspark.core.EvalsparkException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code evalspark} command: evaluate predictions, train models, predict, or benchmark against MLlib. */
@Command(
    name = "evalspark",
    mixinStandardHelpOptions = true,
    version = "evalspark 0.1.0",
    description = "One-pass losses and evaluation metrics over prediction tables on Spark.",
    subcommands = {EvaluateCommand.class, TrainCommand.class, PredictCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code: 0 ok, 2 usage, 3 bad data, 1 anything else. */
  public static void main(String[] args) {
    boolean startedByCluster = "cluster".equals(System.getProperty("spark.submit.deployMode"));
    if (startedByCluster) { // a driver that a worker runs: what it prints goes to the worker's files
      Logs.useOwnFile();
      System.err.println(StandaloneDriver.STARTED);
    }
    int code = commandLine().execute(args);
    if (startedByCluster) {
      System.err.println(StandaloneDriver.EXIT_CODE + code);
      System.err.flush();
    }
    System.exit(code);
  }

  /** The command line with evalspark's exit-code mapping, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setOverwrittenOptionsAllowed(true); // a later flag overrides an earlier one
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      cmd.getErr().flush();
      return e instanceof EvalsparkException ? ((EvalsparkException) e).exitCode() : 1;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
