package io.evalspark.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.HeldBytes;
import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.run.SliceStates;
import io.evalspark.run.Slices;
import io.evalspark.run.WindowResult;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWindowTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
  private static final LocalDate DAY2 = DAY1.plusDays(1);
  private static final StructType SCHEMA = new StructType().add("segment", DataTypes.StringType)
      .add("y", DataTypes.DoubleType).add("p", DataTypes.DoubleType);
  private static final EvaluationSpec SPEC = EvaluationSpec.of(Task.BINARY).label("y").score("p")
      .sliceBy(List.of("segment")).build();
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  /** {@code each} rows of each of {@code slices} segments, scores distinct, labels drawn with the score's odds. */
  private static List<Row> rows(int slices, int each, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < slices * each; i++) {
      double p = r.nextDouble();
      rows.add(RowFactory.create("s" + i % slices, r.nextDouble() < p ? 1.0 : 0.0, p));
    }
    return rows;
  }

  /** Mean binary cross-entropy of {@code rows} whose segment is {@code segment} (null: all), from its definition. */
  private static double logLoss(List<Row> rows, String segment) {
    double sum = 0;
    int n = 0;
    for (Row row : rows) {
      if (segment == null || row.getString(0).equals(segment)) {
        double p = row.getDouble(2);
        sum -= row.getDouble(1) == 1 ? Math.log(p) : Math.log(1 - p);
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void aSlicedWindowMergesEachSliceWithItsStoredDaysAndHoldsTheirByteForms() {
    // 2,000 rows a slice a day of distinct scores: each slice's merged state fills enough bins to be dense
    List<Row> day1 = rows(13, 2000, 1); // s12 only on the first day
    List<Row> day2 = rows(12, 2000, 2);
    HistoryTable history = storedDay("history", day1, SPEC, bytes -> bytes);

    Dataset<Row> today = spark.createDataFrame(day2, SCHEMA);
    SliceStates todays = Slices.of(EvaluationJob.run(today, SPEC));
    WindowResult window = new HistoryLookup(history, DAY2).window("ctr", "m", 7, todays);

    assertEquals(2, window.daysFound());
    List<String> expectedOrder = new ArrayList<>(todays.keySet());
    expectedOrder.add("segment=s12"); // today's slices first, in their order, then those only stored
    assertEquals(expectedOrder, new ArrayList<>(window.bySlice().keySet()));
    List<Row> both = new ArrayList<>(day1);
    both.addAll(day2);
    long bytes = 0;
    for (Map.Entry<String, EvaluationState<?>> e : window.bySlice().entrySet()) {
      String segment = e.getKey().equals(Slices.OVERALL) ? null : e.getKey().substring("segment=".length());
      long rows = both.stream().filter(r -> segment == null || r.getString(0).equals(segment)).count();
      assertEquals(rows, e.getValue().rowCounts().rows(), e.getKey());
      assertEquals(logLoss(both, segment), e.getValue().metrics().get("log_loss"), 1e-12, e.getKey());
      bytes += e.getValue().toByteArray().length;
    }
    long held = HeldBytes.of(window.bySlice());
    assertTrue(held <= bytes + window.bySlice().size() * 1024L,
        "the window holds " + held + " bytes; its slices' byte forms are " + bytes);
    assertEquals(logLoss(day2, "s3"), todays.get("segment=s3").metrics().get("log_loss"), 1e-12,
        "merging the window leaves today's states as they were");
  }

  /**
   * A history at {@code name} whose first day stores {@code day1}'s slices evaluated by {@code
   * spec}, each state's bytes as {@code bytes} makes them.
   */
  private HistoryTable storedDay(String name, List<Row> day1, EvaluationSpec spec,
      java.util.function.UnaryOperator<byte[]> bytes) {
    HistoryTable history = new HistoryTable(spark, dir.resolve(name).toString(), false);
    java.sql.Date date1 = java.sql.Date.valueOf(DAY1);
    List<Row> metrics = new ArrayList<>();
    List<Row> stored = new ArrayList<>();
    Slices.of(EvaluationJob.run(spark.createDataFrame(day1, SCHEMA), spec)).forEach((slice, state) -> {
      metrics.addAll(HistoryRecord.metricRows(date1, "run-1", new Timestamp(0), "ctr", "m", 1, 1, slice, state, spec,
          Map.of()));
      Row r = HistoryRecord.stateRow(date1, "run-1", "ctr", "m", slice, state);
      stored.add(RowFactory.create(r.get(0), r.get(1), r.get(2), bytes.apply((byte[]) r.get(3)), r.get(4), r.get(5)));
    });
    history.replace(DAY1, "run-1", List.of("ctr"), metrics, stored);
    return history;
  }

  @Test
  void aDayStoredWithOtherSettingsIsRefusedByNameAndADamagedOneAsDamaged() {
    List<Row> day1 = rows(3, 200, 4);
    SliceStates todays = Slices.of(EvaluationJob.run(spark.createDataFrame(rows(3, 200, 5), SCHEMA), SPEC));
    EvaluationSpec otherBins = EvaluationSpec.of(Task.BINARY).label("y").score("p").sliceBy(List.of("segment"))
        .binary(BinarySettings.defaults().withBins(2000)).build();
    HistoryTable other = storedDay("other-bins", day1, otherBins, b -> b);
    BadDataException e = assertThrows(BadDataException.class,
        () -> new HistoryLookup(other, DAY2).window("ctr", "m", 7, todays));
    String first = e.getMessage().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("cannot merge the state stored for 2026-11-20 (evaluation ctr, slice ")
        && first.contains("needs the same settings (bins, threshold, ...) every day"), first);

    HistoryTable damaged = storedDay("damaged", day1, SPEC, b -> java.util.Arrays.copyOf(b, b.length / 2));
    e = assertThrows(BadDataException.class, () -> new HistoryLookup(damaged, DAY2).window("ctr", "m", 7, todays));
    first = e.getMessage().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("cannot read the state stored for 2026-11-20 (evaluation ctr, slice ")
        && first.contains("a serialised binary state is damaged") && !first.contains("same settings"), first);
  }
}
