package io.evalspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriverOutOfMemoryTest {
  /** Counted down when a test is done, so that the tasks waiting on it end. */
  private static volatile CountDownLatch released = new CountDownLatch(1);
  private Thread.UncaughtExceptionHandler before;

  @BeforeEach
  void keepTheHandler() {
    before = Thread.getDefaultUncaughtExceptionHandler();
  }

  @AfterEach
  void restoreTheHandler() {
    Thread.setDefaultUncaughtExceptionHandler(before);
  }

  /** Starts {@code thrown} in a thread of its own named {@code name}, and waits for it to die of it. */
  private static void dies(String name, Throwable thrown) throws InterruptedException {
    Thread thread = new Thread(() -> {
      if (thrown instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) thrown;
    }, name);
    thread.start();
    thread.join();
  }

  @Test
  void aThreadDeadOfOutOfMemoryEndsTheJobItLeftWaitingWithAnErrorThatSaysSo() throws Exception {
    SparkSession spark = TestSpark.session();
    SparkContext sc = spark.sparkContext();
    released = new CountDownLatch(1);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      DriverOutOfMemory.watch(sc);
      // tasks that wait, as a job waits on a task result whose fetching thread died
      Future<?> job = runner.submit(() -> spark.range(0, 2, 1, 2)
          .foreach((ForeachFunction<Long>) x -> released.await()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sc.statusTracker().getActiveJobIds().length == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      dies("task-result-getter-0", new OutOfMemoryError("Java heap space"));
      ExecutionException ended = assertThrows(ExecutionException.class, () -> job.get(60, TimeUnit.SECONDS),
          "the job ends rather than waiting");
      String message = ended.getCause().getMessage();
      assertTrue(message.contains("the driver ran out of memory (java.lang.OutOfMemoryError: Java heap space, in"
          + " thread task-result-getter-0)"), message);
    } finally {
      released.countDown();
      runner.shutdownNow();
    }
  }

  @Test
  void anyOtherUncaughtExceptionGoesToTheHandlerBeforeAndLeavesJobsAlone() throws Exception {
    SparkContext sc = TestSpark.session().sparkContext();
    List<Throwable> handed = new ArrayList<>();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> handed.add(e));
    DriverOutOfMemory.watch(sc);
    DriverOutOfMemory.watch(sc); // once a context
    IllegalStateException other = new IllegalStateException("not memory");
    dies("some-thread", other);
    assertArrayEquals(new Throwable[] {other}, handed.toArray(), "handed on once");
    OutOfMemoryError memory = new OutOfMemoryError("Java heap space");
    dies("task-result-getter-1", memory);
    assertSame(memory, handed.get(1), "an out-of-memory error is handed on too");
  }
}
