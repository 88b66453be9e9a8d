package io.evalspark.job;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.HistogramView;
import io.evalspark.metrics.RankingMetrics;
import io.evalspark.metrics.SplitCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * {@code --auc-tolerance}: after the first pass, more scans of the same rows (the same filter), each
 * counting only the rows in the cells whose order of positives and negatives is still unknown into
 * finer parts of those cells, for the whole input and for each slice, until the ROC AUC and average
 * precision bounds are at most the tolerance apart or every cell is known. Nothing is sorted, and no
 * rows are shuffled or collected: each task holds at most {@link CellSplit#PARTS} parts a state
 * that is still refined, and only those counts are merged.
 */
final class RefinementPasses {
  /** A safety stop; every pass splits each refined cell's distinct scores apart, so few are needed. */
  static final int MOST_PASSES = 40;

  private RefinementPasses() {}

  /**
   * Refines {@code overall} and every slice state; {@code slices} are the slice key columns,
   * {@code label}, {@code score} and {@code weight} (null: 1) the columns the first pass read.
   */
  static void run(Dataset<Row> input, Column[] slices, Column label, Column score, Column weight, BinarySettings settings,
      double tolerance, BinaryState overall, List<SliceResult> sliceResults) {
    Map<List<Object>, BinaryState> states = new LinkedHashMap<>();
    states.put(List.of(), overall);
    for (SliceResult r : sliceResults) {
      states.put(new ArrayList<>(r.key().values()), (BinaryState) r.state());
    }
    Map<List<Object>, HistogramView> views = new HashMap<>();
    Map<List<Object>, Integer> passes = new HashMap<>();
    states.forEach((key, state) -> {
      views.put(key, state.ranking());
      passes.put(key, 1);
    });
    List<Column> columns = new ArrayList<>(Arrays.asList(slices));
    columns.add(label.cast("double"));
    columns.add(score.cast("double"));
    columns.add(weight == null ? functions.lit(1.0) : weight.cast("double"));
    Dataset<Row> rows = input.select(columns.toArray(new Column[0]));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
    int keyWidth = slices.length;
    for (int pass = 2; pass <= MOST_PASSES; pass++) {
      HashMap<List<Object>, CellSplit> plan = new HashMap<>();
      views.forEach((key, view) -> {
        CellSplit split = CellSplit.of(view, tolerance);
        if (split != null) {
          plan.put(key, split);
        }
      });
      if (plan.isEmpty()) {
        break;
      }
      Broadcast<HashMap<List<Object>, CellSplit>> shared = sc.broadcast(plan);
      try {
        Map<List<Object>, SplitCounts> counts = rows.javaRDD()
            .mapPartitionsToPair(it -> count(it, keyWidth, settings, shared.value()))
            .reduceByKey(SplitCounts::merge)
            .collectAsMap();
        for (Map.Entry<List<Object>, CellSplit> e : plan.entrySet()) {
          SplitCounts c = counts.getOrDefault(e.getKey(), e.getValue().emptyCounts());
          views.put(e.getKey(), e.getValue().refine(views.get(e.getKey()), c));
          passes.merge(e.getKey(), 1, Integer::sum);
        }
      } finally {
        shared.destroy();
      }
    }
    states.forEach((key, state) -> {
      HistogramView v = views.get(key);
      state.refine(v, new BinaryState.Refinement(passes.get(key),
          RankingMetrics.rocAucUpper(v) - RankingMetrics.rocAucLower(v),
          RankingMetrics.averagePrecisionUpper(v) - RankingMetrics.averagePrecisionLower(v)));
    });
  }

  /** One partition's counts for the planned states: its slice's and the whole input's. */
  private static Iterator<Tuple2<List<Object>, SplitCounts>> count(Iterator<Row> it, int keyWidth,
      BinarySettings settings, Map<List<Object>, CellSplit> plan) {
    Map<List<Object>, SplitCounts> counts = new HashMap<>();
    CellSplit whole = plan.get(List.of());
    SplitCounts overall = whole == null ? null : whole.emptyCounts();
    while (it.hasNext()) {
      Row r = it.next();
      double label = r.isNullAt(keyWidth) ? Double.NaN : r.getDouble(keyWidth);
      double score = r.isNullAt(keyWidth + 1) ? Double.NaN : r.getDouble(keyWidth + 1);
      double weight = r.isNullAt(keyWidth + 2) ? Double.NaN : r.getDouble(keyWidth + 2);
      if (settings.invalidReason(label, score, weight) != null) {
        continue; // the first pass counted it as invalid; a skipped row stays skipped
      }
      double p = settings.probability(score);
      boolean positive = label == 1.0;
      if (overall != null) {
        overall.update(p, positive, weight);
      }
      if (keyWidth > 0) {
        List<Object> key = new ArrayList<>(keyWidth);
        for (int i = 0; i < keyWidth; i++) {
          key.add(r.get(i));
        }
        CellSplit split = plan.get(key);
        if (split != null) {
          counts.computeIfAbsent(key, k -> split.emptyCounts()).update(p, positive, weight);
        }
      }
    }
    List<Tuple2<List<Object>, SplitCounts>> out = new ArrayList<>();
    if (overall != null) {
      out.add(new Tuple2<>(List.of(), overall));
    }
    counts.forEach((k, c) -> out.add(new Tuple2<>(k, c)));
    return out.iterator();
  }
}
