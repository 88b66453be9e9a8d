package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.JobDescriptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's file holds the figures under the names the README gives; no time is asserted.
 * Its paths are given as file:// URIs, as any Hadoop path may be.
 */
class BenchCommandTest {
  private final CommandRun cli = new CommandRun();

  @Test
  void writesEveryFigureItNames(@TempDir Path dir) throws Exception {
    Path figures = dir.resolve("bench.txt");
    assertEquals(0, cli.run("bench", "--rows", "3000", "--runs", "1", "--partitions", "2", "--data",
        dir.resolve("data").toUri().toString(), "--output", figures.toUri().toString()), cli.err());
    assertTrue(Files.isDirectory(dir.resolve("data/predictions")), "--data as a file:// URI names the local folder");
    List<String> lines = Files.readAllLines(figures);
    List<String> names = List.of(lines.get(0).split(" "));
    String[] values = lines.get(1).split(" ");
    assertEquals(List.of("rows", "scan_s", "evaluate_s", "aggregate_s", "mllib_s"), names.subList(0, 5));
    for (String metric : List.of("areaUnderROC", "areaUnderPR", "accuracy", "f1", "rmse", "r2")) {
      assertTrue(names.contains("mllib_" + metric + "_s"), metric + " in " + names);
    }
    assertEquals("3000", values[0]);
    double mllibParts = 0;
    for (int i = 1; i < values.length; i++) {
      assertTrue(Double.parseDouble(values[i]) > 0, names.get(i) + " = " + values[i]);
      boolean part = names.get(i).startsWith("mllib_") && !names.get(i).equals("mllib_s");
      mllibParts += part ? Double.parseDouble(values[i]) : 0;
    }
    assertEquals(mllibParts, Double.parseDouble(values[4]), 1e-3 * 6, "mllib_s is their total");
    assertTrue(names.contains("sliced_50k_s") && names.contains("sliced_50k_peak_heap_mb"), names.toString());
    assertTrue(names.contains("evaluate_ci_s"), names.toString());
    for (String name : List.of("sliced_s", "models_s", "regression_s", "filtered_s", "multiclass_scan_s",
        "multiclass_s", "multiclass_2000_bins_s", "evaluate_peak_heap_mb", "evaluate_live_heap_mb",
        "evaluate_rows_per_s", "warm_up_s")) {
      assertTrue(names.contains(name), name + " in " + names);
    }
    double start = Double.parseDouble(values[names.indexOf("scan_start_s")]);
    double end = Double.parseDouble(values[names.indexOf("scan_end_s")]);
    assertEquals(Math.min(start, end), Double.parseDouble(values[1]), 0.0, "scan_s is the faster of the two scans");
    assertTrue(cli.out().contains("sliced / scan = "), cli.out());
    assertTrue(names.contains("exact_s") && names.contains("exact_passes"), names.toString());
    assertTrue(cli.out().contains("evaluate / scan = "), cli.out());
  }

  @Test
  void countsBelowOneAreRefusedBeforeAnythingIsGenerated(@TempDir Path dir) throws Exception {
    // 0 rows timed in 0.04 s gave "0.00 rows per second", -5 rows negative rates, 0 runs every time Infinity
    String[][] cases = {{"--rows", "0"}, {"--rows", "-5"}, {"--runs", "0"}, {"--partitions", "0"}};
    for (String[] given : cases) {
      assertEquals(2, cli.run("bench", given[0], given[1], "--skip-mllib", "--data", dir.resolve("data").toString(),
          "--output", dir.resolve("bench.txt").toString()), String.join(" ", given));
      assertEquals("error: " + given[0] + " must be at least 1, got " + given[1], cli.error(), cli.err());
    }
    for (String option : List.of("--epochs", "--batch-size")) {
      assertEquals(2, cli.run("bench", "--train", option, "0", "--data", dir.resolve("data").toString()), option);
      assertEquals("error: " + option + " must be at least 1, got 0", cli.error(), cli.err());
    }
    assertEquals(List.of(), Files.list(dir).toList(), "nothing generated, nothing written");
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeAnythingIsGenerated(@TempDir Path dir) throws Exception {
    // the figures of a long run were printed, then lost to the file they could not be written to
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Path data = dir.resolve("data");
    assertEquals(2, cli.run("bench", "--rows", "1000", "--skip-mllib", "--data", data.toString(), "--output",
        file.resolve("bench.txt").toString()));
    assertEquals("error: --output " + file.resolve("bench.txt") + " cannot be written: " + file.toUri().toString()
        .replace("file:///", "file:/") + " is a file, not a folder", cli.error(), cli.err());
    assertEquals(2, cli.run("bench", "--rows", "1000", "--skip-mllib", "--data", data.toString(), "--output",
        dir.toString()));
    assertEquals("error: --output " + dir + " is a folder; name a file", cli.error(), cli.err());
    assertFalse(Files.exists(data), "nothing generated");
  }

  @Test
  void trainTimesBothTrainingsAsOftenAsRunsSays(@TempDir Path dir) throws Exception {
    Path figures = dir.resolve("train.txt");
    List<String> jobs = JobDescriptions.of(() -> assertEquals(0, cli.run("bench", "--train", "--rows", "4000", "--runs",
        "2", "--partitions", "2", "--batch-size", "1000", "--output", figures.toUri().toString()), cli.err()));
    List<String> lines = Files.readAllLines(figures);
    assertEquals(List.of("rows", "train_s", "mllib_train_s", "val_log_loss", "mllib_val_log_loss", "epochs"),
        List.of(lines.get(0).split(" ")));
    String[] values = lines.get(1).split(" ");
    for (int i = 1; i < values.length; i++) {
      assertTrue(Double.parseDouble(values[i]) > 0, lines.get(0) + " / " + lines.get(1));
    }
    // 4,000 rows in batches of 1,000: one epoch of 4 steps, one job a training run.
    assertEquals(2, jobs.stream().filter(d -> d.contains("epoch 1, 4 steps exchanged")).count(), jobs.toString());
    assertTrue(cli.out().contains("train / mllib = "), cli.out());
  }

  @Test
  void dataIsAFolderOfItsOwnThatALaterBenchReuses(@TempDir Path dir) throws Exception {
    Path mine = Files.createDirectories(dir.resolve("mine/train.parquet"));
    Path kept = Files.writeString(mine.resolve("part-0.csv"), "a table of the user's");
    assertEquals(2, cli.run("bench", "--train", "--rows", "1000", "--runs", "1", "--data",
        dir.resolve("mine").toString()));
    assertTrue(cli.err().contains("error: --data " + dir.resolve("mine") + " holds files that no bench wrote"
        + " (train.parquet); give a new or empty folder"), cli.err());
    assertEquals("a table of the user's", Files.readString(kept));

    Path bench = dir.resolve("bench");
    for (int run = 0; run < 2; run++) { // the second run replaces the first's tables
      assertEquals(0, cli.run("bench", "--train", "--rows", "1000", "--runs", "1", "--partitions", "1", "--batch-size",
          "500", "--data", bench.toString()), cli.err());
      assertTrue(Files.exists(bench.resolve(BenchCommand.MARK)));
    }
  }

  @Test
  void leavesNoGeneratedDataBehindWithoutData() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = benchFolders(tmp);
    assertEquals(0, cli.run("bench", "--rows", "2000", "--runs", "1", "--partitions", "1", "--skip-mllib"), cli.err());
    assertEquals(before, benchFolders(tmp), "the temporary folder of generated data is deleted");
  }

  private static Set<Path> benchFolders(Path tmp) throws Exception {
    try (Stream<Path> listed = Files.list(tmp)) {
      return listed.filter(p -> p.getFileName().toString().startsWith("evalspark-bench")).collect(Collectors.toSet());
    }
  }
}
