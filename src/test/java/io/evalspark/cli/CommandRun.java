package io.evalspark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs evalspark's command line as {@code main} does, capturing what the last run printed. */
public final class CommandRun {
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  /** Runs one command and returns its exit code. */
  public int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** What the last run printed to standard output. */
  public String out() {
    return out.toString();
  }

  /** What the last run printed to standard error. */
  public String err() {
    return err.toString();
  }

  /**
   * The error line of the last run (the first line on standard error that starts "error:", after the
   * progress lines), or all it printed there when it has none.
   */
  public String error() {
    return err().lines().filter(line -> line.startsWith("error:")).findFirst().orElse(err());
  }
}
