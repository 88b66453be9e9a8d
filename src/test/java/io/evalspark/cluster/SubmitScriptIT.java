package io.evalspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, {@code ./submit.sh evaluate ...} on the embedded Spark, run by
 * {@code mvn verify} on each Spark line after the jar is built: the script must run the jar on a
 * classpath of the line it was built for.
 */
class SubmitScriptIT {
  private static final String LINE = System.getProperty("spark.version").replaceAll("^(\\d+\\.\\d+).*", "$1");

  @Test
  void theReadmesFirstCommandRunsOnTheLineTheJarWasBuiltFor() throws Exception {
    Path out = StandaloneCluster.PROJECT.resolve("target/demo-" + LINE);
    StandaloneCluster.deleteQuietly(out);
    List<String> args = List.of("evaluate", "--input", "src/test/resources/sample/predictions.csv", "--format", "csv",
        "--task", "binary", "--label", "label", "--score", "score", "--weight", "weight", "--slice-by", "model");
    List<String> withOutput = new java.util.ArrayList<>(args);
    withOutput.addAll(List.of("--output", out.toString()));
    SubmitScript run = SubmitScript.run(Map.of("EVALSPARK_EMBEDDED", "1"), withOutput);
    assertEquals(0, run.exitCode(), run.printed());
    assertTrue(run.out().contains("binary evaluation: 2000 rows"), run.printed());
    String classpath = Files.readString(StandaloneCluster.PROJECT.resolve("target/classpath-" + LINE + ".txt"));
    assertTrue(classpath.contains("spark-core_") && classpath.contains(System.getProperty("spark.version") + ".jar"),
        "the embedded classpath is of Spark " + System.getProperty("spark.version"));

    Path here = StandaloneCluster.PROJECT.resolve("target/demo-" + LINE + "-in-process");
    List<String> inProcess = new java.util.ArrayList<>(args);
    inProcess.addAll(List.of("--output", here.toString()));
    CommandRun embedded = new CommandRun();
    assertEquals(0, embedded.run(inProcess.toArray(String[]::new)), embedded.err());
    JsonNode expected = new ObjectMapper().readTree(here.resolve("metrics.json").toFile());
    JsonNode actual = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(expected, actual, "the same metrics.json as the command run in this JVM");

    List<String> quiet = new java.util.ArrayList<>(withOutput);
    quiet.add("--quiet");
    SubmitScript silent = SubmitScript.run(Map.of("EVALSPARK_EMBEDDED", "1"), quiet);
    assertEquals(0, silent.exitCode(), silent.printed());
    assertEquals("", silent.out() + silent.err(), "--quiet prints nothing, not even what comes before Spark starts");
  }
}
