package io.evalspark.job;

import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.CellSplit;
import io.evalspark.metrics.HistogramView;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.RankingMetrics;
import io.evalspark.metrics.SplitCounts;
import io.evalspark.sql.ColumnarRefinement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * {@code --auc-tolerance}: after the first pass, more scans of the same rows (the same filter), each
 * counting only the rows in the cells whose order of positives and negatives is still unknown into
 * finer parts of those cells, for the whole input and for each slice, until the ROC AUC and average
 * precision bounds are at most the tolerance apart or every cell is known. Nothing is sorted, and no
 * rows are shuffled or collected: a pass's plans share {@link #PARTS} parts, each state at least
 * 64, 48 bytes each and 16 more once a weight sum rounds (so a task holds at most 144 MB of counts
 * for rows of whole-number weights and 192 MB for others, or 4 KB a state still refined when there
 * are more than 49,152), and only those counts are merged. A task counts into records of only the
 * parts its rows reached while they are few ({@link SplitCounts}).
 */
final class RefinementPasses {
  /** A safety stop; every pass splits each refined cell's distinct scores apart, so few are needed. */
  static final int MOST_PASSES = 40;
  /**
   * The parts one pass splits cells into, shared by the states it refines (each gets 64 at least):
   * on the bench's 5M rows of distinct scores, enough for two passes after the first to reach 1e-9
   * (2,097,152 took three).
   */
  static final int PARTS = 3 << 20;
  /**
   * The most parts a state gets for each row it evaluated: rows spread over more parts than this
   * leave so few pairs unknown that more would only cost memory and time.
   */
  static final int PARTS_PER_ROW = 4;

  private RefinementPasses() {}

  /**
   * Refines {@code overall}, every slice state and every model's state, each slice (and model) then
   * kept in {@code sliceResults} ({@code models}) as its byte form and its refined cells ({@link
   * io.evalspark.metrics.KeptState#refined}). A model's state is keyed by the first slice column
   * alone, the model column, and its rows are those of the slices of its value. {@code
   * slices} are the slice key columns, {@code label}, {@code score} and {@code weight} (null: 1) the
   * columns the first pass read, and {@code stored} the same three (or two) columns as stored, which
   * a columnar pass may read. A slice's state is read once, for its cells, and not kept: the driver
   * holds the slices' cells (the filled ones), not their bins.
   */
  static void run(Dataset<Row> input, Column[] slices, Column label, Column score, Column weight, Dataset<Row> stored,
      BinarySettings settings, double tolerance, BinaryState overall, List<SliceResult> sliceResults,
      List<SliceResult> models) {
    List<Object> whole = new ArrayList<>(); // the whole input's key: a list Kryo reads back, as the plan is broadcast
    Map<List<Object>, HistogramView> views = new LinkedHashMap<>();
    Map<List<Object>, Long> evaluated = new HashMap<>();
    views.put(whole, firstCells(overall, weight == null));
    evaluated.put(whole, overall.rowCounts().evaluatedRows());
    List<SliceResult> states = new ArrayList<>(sliceResults);
    states.addAll(models);
    for (SliceResult r : states) {
      BinaryState state = (BinaryState) IntervalState.whole(r.state());
      views.put(keyOf(r), firstCells(state, weight == null));
      evaluated.put(keyOf(r), state.rowCounts().evaluatedRows());
    }
    Map<List<Object>, RankingMetrics.Widths> widths = new HashMap<>(); // of each view, as it stands
    Map<List<Object>, Integer> passes = new HashMap<>();
    views.forEach((key, view) -> {
      widths.put(key, RankingMetrics.widths(view));
      passes.put(key, 1);
    });
    List<Column> columns = new ArrayList<>(Arrays.asList(slices));
    columns.add(label.cast("double"));
    columns.add(score.cast("double"));
    columns.add(weight == null ? functions.lit(1.0) : weight.cast("double"));
    Dataset<Row> rows = input.select(columns.toArray(new Column[0]));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
    DataType[] keyTypes = new DataType[slices.length];
    for (int i = 0; i < slices.length; i++) {
      keyTypes[i] = rows.schema().fields()[i].dataType();
    }
    for (int pass = 2; pass <= MOST_PASSES; pass++) {
      List<List<Object>> open = new ArrayList<>();
      widths.forEach((key, w) -> {
        if (!w.within(tolerance)) {
          open.add(key);
        }
      });
      int budget = Math.max(64, PARTS / Math.max(1, open.size()));
      HashMap<List<Object>, CellSplit> plan = new HashMap<>();
      for (List<Object> key : open) {
        int parts = (int) Math.min(budget, Math.max(64, PARTS_PER_ROW * evaluated.get(key)));
        CellSplit split = CellSplit.of(views.get(key), widths.get(key), tolerance, parts);
        if (split != null) {
          plan.put(key, split);
        }
      }
      if (plan.isEmpty()) {
        break;
      }
      RefinementCounts counts = counts(rows, stored, keyTypes, settings, plan, !models.isEmpty(), sc);
      for (Map.Entry<List<Object>, CellSplit> e : plan.entrySet()) {
        SplitCounts c = counts.get(e.getKey());
        c = c != null ? c : e.getValue().emptyCounts(); // no row reached it
        HistogramView before = views.get(e.getKey());
        HistogramView after = e.getValue().refine(before, c);
        requireSameRows(before, after, e.getKey());
        views.put(e.getKey(), after);
        widths.put(e.getKey(), RankingMetrics.widths(after));
        passes.merge(e.getKey(), 1, Integer::sum);
      }
    }
    overall.refine(views.get(whole), refinement(whole, passes, widths));
    for (List<SliceResult> results : List.of(sliceResults, models)) {
      for (int i = 0; i < results.size(); i++) {
        SliceResult r = results.get(i);
        List<Object> key = keyOf(r);
        results.set(i, new SliceResult(r.key(), r.kept().refined(views.get(key), refinement(key, passes, widths))));
      }
    }
  }

  /** A slice's key in the plan: its key's values in the order of the slice columns (a model's: its one value). */
  private static List<Object> keyOf(SliceResult slice) {
    return new ArrayList<>(slice.key().values());
  }

  /** The ranking cells of a state's first pass: its histogram's filled bins, of rows that weigh 1 when unweighted. */
  private static HistogramView firstCells(BinaryState state, boolean unweighted) {
    return unweighted ? state.ranking().ofRowsThatWeighOne() : state.ranking();
  }

  private static BinaryState.Refinement refinement(List<Object> key, Map<List<Object>, Integer> passes,
      Map<List<Object>, RankingMetrics.Widths> widths) {
    return new BinaryState.Refinement(passes.get(key), widths.get(key).rocAuc(), widths.get(key).averagePrecision());
  }

  /**
   * One pass's counts for {@code plan}, by state: from the column batches when only the whole
   * input is refined and {@code stored} (its label, score and weight as stored) is a plain columnar
   * scan, otherwise from Spark's rows of {@code rows}. Each partition counts its rows; the counts
   * merge in a tree on the executors, four at a time, so the driver merges a few whatever the
   * partitions.
   */
  private static RefinementCounts counts(Dataset<Row> rows, Dataset<Row> stored, DataType[] keyTypes,
      BinarySettings settings, HashMap<List<Object>, CellSplit> plan, boolean byModel, JavaSparkContext sc) {
    List<Broadcast<?>> shared = new ArrayList<>();
    try {
      JavaRDD<RefinementCounts> partitions = null;
      if (plan.size() == 1 && plan.containsKey(List.of())) {
        Broadcast<CellSplit> whole = sc.broadcast(plan.get(List.of()));
        shared.add(whole);
        JavaRDD<SplitCounts> columnar = ColumnarRefinement.counts(stored, settings, whole);
        if (columnar != null) {
          partitions = columnar.map(c -> new RefinementCounts().add(List.of(), c));
        }
      }
      if (partitions == null) {
        Broadcast<HashMap<List<Object>, CellSplit>> all = sc.broadcast(plan);
        shared.add(all);
        partitions = rows.queryExecution().toRdd().toJavaRDD()
            .mapPartitions(it -> List.of(count(it, keyTypes, settings, all.value(), byModel)).iterator());
      }
      int depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(2, partitions.getNumPartitions())) / Math.log(4)));
      return partitions.treeAggregate(new RefinementCounts(), RefinementCounts::merge, RefinementCounts::merge, depth);
    } finally {
      shared.forEach(Broadcast::destroy);
    }
  }

  /** A pass must find the first pass's rows again, to the rounding of their weights' sums. */
  private static void requireSameRows(HistogramView before, HistogramView after, List<Object> key) {
    double p = before.totalPositives();
    double n = before.totalNegatives();
    if (Math.abs(after.totalPositives() - p) > 1e-9 * Math.max(1, p)
        || Math.abs(after.totalNegatives() - n) > 1e-9 * Math.max(1, n)) {
      throw new IllegalStateException("a refinement pass " + (key.isEmpty() ? "of the whole input" : "of slice " + key)
          + " read other rows than the first pass: positive weight " + after.totalPositives() + " against " + p
          + ", negative weight " + after.totalNegatives() + " against " + n
          + "; is the input changing while it is read?");
    }
  }

  /**
   * One partition's counts for the planned states: its slice's, its model's ({@code byModel}: the
   * first key column's value alone) and the whole input's. Spark's own
   * rows are read, not converted; only a slice key is made the Java values the first pass's
   * results hold.
   */
  private static RefinementCounts count(Iterator<InternalRow> it, DataType[] keyTypes,
      BinarySettings settings, Map<List<Object>, CellSplit> plan, boolean byModel) {
    int keyWidth = keyTypes.length;
    HashMap<List<Object>, SplitCounts> counts = new HashMap<>();
    CellSplit whole = plan.get(List.of());
    SplitCounts overall = whole == null ? null : whole.emptyCounts();
    while (it.hasNext()) {
      InternalRow r = it.next();
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
          key.add(r.isNullAt(i) ? null : CatalystTypeConverters.convertToScala(r.get(i, keyTypes[i]), keyTypes[i]));
        }
        CellSplit split = plan.get(key);
        if (split != null) {
          counts.computeIfAbsent(key, k -> split.emptyCounts()).update(p, positive, weight);
        }
        CellSplit model = byModel ? plan.get(key.subList(0, 1)) : null;
        if (model != null) {
          counts.computeIfAbsent(new ArrayList<>(key.subList(0, 1)), k -> model.emptyCounts()).update(p, positive, weight);
        }
      }
    }
    RefinementCounts out = new RefinementCounts();
    counts.forEach(out::add);
    return overall == null ? out : out.add(List.of(), overall);
  }
}
