package io.evalspark.jobfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The job files that conf/ ships as examples are valid runs. */
class ShippedJobFilesTest {
  @Test
  void everyExampleReadsAsARun() throws Exception {
    List<Path> jobs;
    try (Stream<Path> files = Files.list(Path.of("conf"))) {
      jobs = files.filter(f -> f.toString().endsWith(".conf") && !f.endsWith("spark-defaults.conf")).sorted().toList();
    }
    assertFalse(jobs.isEmpty());
    for (Path job : jobs) {
      RunConfig run = RunConfig.read(job, Map.of(), null, Map.of("RUN_DATE", "2026-11-21"), LocalDate.of(2026, 11, 22));
      assertEquals(LocalDate.of(2026, 11, 21), run.runDate(), job.toString());
      assertTrue(run.output().toString().endsWith("2026-11-21"), job.toString());
      assertFalse(run.evaluations().isEmpty(), job.toString());
      assertFalse(run.evaluations().get(0).gates().isEmpty(), job + " shows gates");
    }
  }

  @Test
  void theCtrExampleSharesItsKeysAndComparesTheChallengerWithTheChampion() {
    RunConfig run = RunConfig.read(Path.of("conf/nightly-ctr.conf"), Map.of(), null,
        Map.of("RUN_DATE", "2026-11-21", "PREDICTIONS_DIR", "/mnt/p"), LocalDate.of(2026, 11, 22));
    EvaluationConfig challenger = run.evaluations().get(1);
    assertEquals("/mnt/p/date=2026-11-21", challenger.input());
    assertEquals("ctr-v6", challenger.baselineModel());
    assertEquals(List.of(7, 30), run.windows());
    assertEquals(List.of("country", "device"), challenger.spec().sliceBy());
  }
}
