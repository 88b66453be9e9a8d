package io.evalspark.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command shares: where Spark runs and extra Spark settings. */
public final class SparkOptions {
  @Option(names = "--master", description = "Spark master; default $SPARK_MASTER, the one spark-submit set, or local[*].")
  String master;

  @Option(names = "--conf", description = "A Spark setting KEY=VALUE; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--verbose", description = "Keep Spark's INFO logging.")
  boolean verbose;

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  /** Where a command prints what it did: the command's output, or nowhere under --quiet. */
  PrintWriter out(CommandSpec spec) {
    return quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
  }

  /**
   * The session these options describe (an existing active one is reused), logging as {@link Logs}
   * says, reporting lost executors and failed tasks on the command's error stream, and ending its
   * jobs should a driver thread run out of memory ({@link DriverOutOfMemory}).
   */
  SparkSession session(CommandSpec spec) {
    Logs.apply(quiet, verbose);
    SparkConf defaults = new SparkConf();
    String m = master != null ? master : System.getenv("SPARK_MASTER");
    SparkSession.Builder b = SparkSession.builder().appName("evalspark");
    if (m != null && !m.isEmpty()) {
      b.master(m);
    } else if (!defaults.contains("spark.master")) {
      b.master("local[*]");
    }
    SparkSessions.withDelta(defaults, conf, b);
    conf.forEach((key, value) -> b.config(key, SparkSessions.LISTS.contains(key) ? SparkSessions.join(defaults, key, value)
        : value));
    SparkSession spark = b.getOrCreate();
    Logs.apply(quiet, verbose); // again: a Spark starting without a log file loads its own defaults
    TaskTrouble.reportTo(spark.sparkContext(), quiet ? null : spec.commandLine().getErr());
    DriverOutOfMemory.watch(spark.sparkContext());
    return spark;
  }
}
