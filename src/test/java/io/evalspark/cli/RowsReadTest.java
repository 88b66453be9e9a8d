package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RowsReadTest {
  @Test
  void runningTasksCountUntilTheyEndWithTheirFinalCount() {
    RowsRead rows = new RowsRead();
    rows.running(1, 100);
    rows.running(2, 40);
    assertEquals(140, rows.total());
    rows.running(1, 90); // a late heartbeat of an earlier moment
    assertEquals(140, rows.total());
    rows.running(1, 250);
    assertEquals(290, rows.total());
    rows.finished(1, 300);
    assertEquals(340, rows.total(), "the final count replaces the running one");
    rows.running(1, 280); // a heartbeat sent before the end, delivered after it
    assertEquals(340, rows.total());
    rows.finished(3, 10); // a task that ended before any heartbeat
    assertEquals(350, rows.total());
    rows.reset();
    assertEquals(0, rows.total());
  }
}
