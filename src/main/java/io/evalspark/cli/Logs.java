package io.evalspark.cli;

import java.net.URISyntaxException;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * How much of Spark's logging reaches the console: its warnings and errors, nothing under
 * {@code --quiet}, INFO under {@code --verbose}. What the scheduler logs of a lost executor or a
 * failed task (the same loss from many places, with stack traces) is left out unless verbose:
 * {@link TaskTrouble} says it in one line instead.
 */
final class Logs {
  /** conf/log4j2.properties, which the build puts in the jar. */
  private static final String FILE = "log4j2.properties";
  /** Where Spark reports executors and tasks that were lost or failed. */
  private static final List<String> SCHEDULER = List.of("org.apache.spark.scheduler", "org.apache.spark.storage",
      "org.apache.spark.network", "org.apache.spark.shuffle", "org.apache.spark.rpc", "org.apache.spark.deploy.client",
      "org.apache.spark.executor");

  private Logs() {}

  /** Sets the root level, as Spark's own {@code setLogLevel} does, and the scheduler's loggers'. */
  static void apply(boolean quiet, boolean verbose) {
    Configurator.setRootLevel(level(quiet, verbose));
    for (String logger : SCHEDULER) {
      Configurator.setLevel(logger, verbose ? Level.INFO : Level.OFF);
    }
  }

  /**
   * A driver that the cluster starts (deploy mode cluster) logged with the cluster's settings until
   * now; from here on it logs as a driver that submit.sh starts.
   */
  static void useOwnFile() {
    var file = Logs.class.getResource(FILE);
    if (file != null) {
      try {
        Configurator.reconfigure(file.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Level level(boolean quiet, boolean verbose) {
    return quiet ? Level.OFF : verbose ? Level.INFO : Level.WARN;
  }
}
