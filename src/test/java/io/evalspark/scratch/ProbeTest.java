package io.evalspark.scratch;

import io.evalspark.TestSpark;
import io.evalspark.cli.CommandRun;
import java.nio.file.*;
import org.apache.spark.sql.*;
import org.junit.jupiter.api.*;

class ProbeTest {
  @Test
  void probe() throws Exception {
    TestSpark.session();
    Path dir = Files.createTempDirectory("probe");
    CommandRun cli = new CommandRun();
    String[][] extras = {{"--threshold", "0"}, {"--threshold", "1"}, {"--threshold", "1.5"}, {"--bins", "1"}, {"--bins", "0"}, {"--curve-points", "0"}, {"--curve-points", "1"},
        {"--focal-gamma", "-1"}, {"--focal-alpha", "1.5"}, {"--beta", "0"}, {"--confidence", "1"}, {"--confidence", "0.5"}, {"--windows", "0"}, {"--windows", "7,7"},
        {"--slice-by", "model,model"}, {"--metrics", "roc_auc,roc_auc"}, {"--at", "recall=1"}, {"--at", "recall=0"}, {"--at", "precision=0.5,recall=0.5"}, {"--gate", "roc_auc >= previous"}, {"--gate", "roc_auc => 0.5"},
        {"--run-date", "2026-13-01"}, {"--on-invalid", "drop"}, {"--format", "avro"}, {"--bins", "2000000"}};
    for (String[] e : extras) {
      String[] base = {"evaluate", "--input", "src/test/resources/sample/predictions.csv", "--format", "csv", "--task", "binary", "--label", "label", "--score", "score", "--output", dir.resolve("o").toString(), "--quiet"};
      String[] args = new String[base.length + e.length];
      System.arraycopy(base, 0, args, 0, base.length);
      System.arraycopy(e, 0, args, base.length, e.length);
      int code = cli.run(args);
      System.out.println("=== " + String.join(" ", e) + " -> " + code + " " + cli.err().lines().filter(l -> !l.startsWith("[")).findFirst().orElse("").replaceAll("(.{220}).*", "$1..."));
    }
  }
}
