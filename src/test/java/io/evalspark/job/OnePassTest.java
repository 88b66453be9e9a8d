package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalspark.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric of every slice from one read of the input: the rows read equal the rows stored,
 * through the aggregate (with slices) and through the columnar pass (without).
 */
class OnePassTest {
  @Test
  void anEvaluationReadsEachRowOnce(@TempDir Path dir) throws Exception {
    List<Row> rows = Frames.binaryRows(4000, 3);
    String path = dir.resolve("predictions").toString();
    Frames.of(Frames.binarySchema(), rows, 3).write().parquet(path);
    Dataset<Row> df = TestSpark.session().read().parquet(path);
    for (List<String> slices : List.of(List.of("segment"), List.<String>of())) {
      AtomicLong recordsRead = new AtomicLong();
      SparkListener listener = new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskMetrics() != null) {
            recordsRead.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
          }
        }
      };
      TestSpark.session().sparkContext().addSparkListener(listener);
      try {
        EvaluationResult result = EvaluationJob.run(df, Specs.binary("y", "p", "w", slices));
        assertEquals(4000, result.overall().rowCounts().rows());
        long deadline = System.currentTimeMillis() + 10_000;
        while (recordsRead.get() < rows.size() && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
        }
        Thread.sleep(500); // let any second read arrive before counting
        assertEquals(rows.size(), recordsRead.get(), "slices " + slices);
      } finally {
        TestSpark.session().sparkContext().removeSparkListener(listener);
      }
    }
  }
}
