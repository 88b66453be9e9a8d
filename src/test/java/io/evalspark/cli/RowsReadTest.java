package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalspark.cli.RowsRead.Part;
import org.junit.jupiter.api.Test;

class RowsReadTest {
  @Test
  void runningTasksCountUntilTheyEndWithTheirFinalCount() {
    RowsRead rows = new RowsRead();
    rows.started(1, new Part(0, 0));
    rows.started(2, new Part(0, 1));
    rows.started(3, new Part(0, 2));
    rows.running(1, 100);
    rows.running(2, 40);
    assertEquals(140, rows.total());
    rows.running(1, 90); // a late heartbeat of an earlier moment
    assertEquals(140, rows.total());
    rows.running(1, 250);
    assertEquals(290, rows.total());
    rows.ended(1, true, 300);
    assertEquals(340, rows.total(), "the final count replaces the running one");
    rows.running(1, 280); // a heartbeat sent before the end, delivered after it
    assertEquals(340, rows.total());
    rows.ended(3, true, 10); // a task that ended before any heartbeat
    assertEquals(350, rows.total());
    rows.reset();
    assertEquals(0, rows.total());
  }

  @Test
  void aPartitionThatSparkRunsAgainCountsOnce() {
    RowsRead rows = new RowsRead();
    rows.started(1, new Part(3, 0));
    rows.started(2, new Part(3, 1));
    rows.ended(1, true, 1000);
    rows.running(2, 600);
    rows.ended(2, false, 600); // its executor was lost: a failed attempt reads nothing that counts
    assertEquals(1000, rows.total());
    rows.started(5, new Part(3, 1)); // the re-run
    rows.running(5, 200);
    assertEquals(1200, rows.total());
    rows.ended(5, true, 1000);
    assertEquals(2000, rows.total());
    rows.started(6, new Part(3, 0)); // a finished partition whose output was lost runs again
    rows.running(6, 300);
    assertEquals(2000, rows.total(), "a re-run of a counted partition adds nothing");
    rows.ended(6, true, 1000);
    assertEquals(2000, rows.total());
    rows.started(7, new Part(3, 1)); // and a speculative copy that ends second
    rows.ended(7, true, 1000);
    assertEquals(2000, rows.total());
  }
}
