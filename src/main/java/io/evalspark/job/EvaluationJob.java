package io.evalspark.job;

import io.evalspark.core.BadDataException;
import io.evalspark.core.EvalsparkException;
import io.evalspark.core.Messages;
import io.evalspark.core.OutputException;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.KeptState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MultilabelSettings;
import io.evalspark.metrics.RankedListsSettings;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.TaskSettings;
import io.evalspark.sql.ColumnarPass;
import io.evalspark.sql.EvaluationColumns;
import io.evalspark.sql.IntervalGroups;
import io.evalspark.sql.SlicedColumnarPass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs one evaluation in one aggregation pass: every metric of every slice comes from a single
 * {@code groupBy(slices).agg(state)} (or {@code agg(state)} without slices); the overall state is
 * the merge of the slices' states on the driver. No rows are sorted or shuffled, only states. An
 * evaluation of a plain Parquet or ORC scan, sliced or filtered or not, takes {@link
 * ColumnarPass} instead: the same state from the column batches, without Spark's per-row overhead
 * (a sliced binary one shuffles the rows of a slice that has few in a partition, 9 bytes a row,
 * rather than a state of them: {@link io.evalspark.sql.SlicedColumnarPass}).
 */
public final class EvaluationJob {
  private EvaluationJob() {}

  /**
   * Evaluates {@code input}. Rows that cannot be evaluated fail the job with a {@link
   * BadDataException} that counts them by reason, unless the spec says to skip them.
   */
  public static EvaluationResult run(Dataset<Row> input, EvaluationSpec spec) {
    try {
      return pass(input, spec);
    } catch (EvalsparkException e) {
      throw e;
    } catch (OutOfMemoryError e) { // the states and results held so far are unreachable here, so freed
      throw outOfMemory(e, spec).orElseThrow();
    } catch (Exception e) { // Spark's SparkException is checked in Java's eyes
      Optional<OutputException> memory = outOfMemory(e, spec);
      if (memory.isPresent()) {
        throw memory.get();
      }
      throw ReadFailure.of(e).orElseThrow(
          () -> e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
    }
  }

  private static EvaluationResult pass(Dataset<Row> rows, EvaluationSpec spec) {
    Dataset<Row> input = spec.query() == null ? rows : QueryLists.of(rows, spec);
    InputColumns columns = new InputColumns(input);
    Column state;
    try {
      state = stateColumn(columns, spec).as("state");
    } catch (BadDataException e) {
      throw InputColumns.whereNoRows(e, input, "evaluate");
    }
    Column[] slices = columns.slices(spec.sliceBy());
    List<SliceResult> sliceResults = new ArrayList<>();
    List<SliceResult> models = new ArrayList<>();
    EvaluationState<?> overall = slices.length == 0 ? columnarState(columns, spec) : null;
    if (overall == null) {
      overall = spec.emptyState();
      List<Row> states = slices.length == 0 ? null : columnarSlices(columns, spec);
      if (states == null) {
        states = (slices.length == 0 ? input.agg(state) : input.groupBy(slices).agg(state)).collectAsList();
      }
      merge(states, slices, spec, overall, sliceResults);
      if (spec.query() != null && slices.length > (spec.modelColumn() == null ? 0 : 1)) {
        overall = wholeQueries(rows, spec, models);
      }
    }
    if (spec.modelColumn() != null && slices.length > 1 && models.isEmpty()) {
      models.addAll(modelStates(sliceResults, spec));
    }
    if (spec.onInvalid() == OnInvalid.FAIL && overall.rowCounts().invalidRows() > 0) {
      throw new BadDataException(BadRows.message(overall.rowCounts(), spec, columns, rows));
    }
    BadRows.requireOneProbabilityLength(spec, overall, sliceResults, models);
    if (spec.aucTolerance() != null && IntervalState.whole(overall) instanceof BinaryState binary) {
      RefinementPasses.run(input, slices, columns.number("label", spec.label(), true), columns.positiveClass(spec.score()),
          spec.weight() == null ? null : columns.number("weight", spec.weight(), false),
          columns.stored(spec.weight() == null ? List.of(spec.label(), spec.score())
              : List.of(spec.label(), spec.score(), spec.weight())), spec.binary(),
          spec.aucTolerance(), binary, sliceResults, models);
    }
    if (spec.confidence() != null) {
      findIntervals(sliceResults, spec.confidence());
    }
    return new EvaluationResult(spec, overall, sliceResults, models);
  }

  /**
   * Each model's state, the merge of its slices' (keyed by the model column alone), where a model
   * column and slices of its own slice the evaluation. A refinement pass refines it as the model's
   * whole input, which the model's refined slices merged would not give.
   */
  private static List<SliceResult> modelStates(List<SliceResult> slices, EvaluationSpec spec) {
    Map<Object, EvaluationState<?>> states = new LinkedHashMap<>(); // a null model is a key too
    for (SliceResult s : slices) {
      s.kept().mergeInto(states.computeIfAbsent(s.key().get(spec.modelColumn()), m -> spec.emptyState()));
    }
    List<SliceResult> out = new ArrayList<>();
    states.forEach((model, state) -> {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put(spec.modelColumn(), model);
      out.add(new SliceResult(key, KeptState.asBytes(state)));
    });
    return out;
  }

  /**
   * The overall state of a ranking of (query, item) rows sliced by items, from a second grouping by
   * query alone (and model): a query whose items fall in two slices is a query of each slice, but
   * one query overall, which the slices' states merged would count twice. With a model column, each
   * model's state of whole queries goes in {@code models}.
   */
  private static EvaluationState<?> wholeQueries(Dataset<Row> rows, EvaluationSpec spec, List<SliceResult> models) {
    Dataset<Row> queries = QueryLists.whole(rows, spec);
    Column state = stateColumn(new InputColumns(queries), spec);
    String model = spec.modelColumn();
    List<Row> states = new ArrayList<>((model == null ? queries.agg(state)
        : queries.groupBy(InputColumns.ref(model)).agg(state)).collectAsList());
    int keys = model == null ? 0 : 1;
    states.sort(SliceResult.byKey(keys)); // the same overall sums every run
    EvaluationState<?> overall = spec.emptyState();
    for (Row row : states) {
      byte[] bytes = (byte[]) row.get(keys);
      EvaluationStates.mergeBytes(overall, bytes);
      if (model != null) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(model, row.get(0));
        models.add(new SliceResult(key, KeptState.ofBytes(bytes)));
      }
    }
    return overall;
  }

  /**
   * Finds every slice's intervals at {@code level}, several slices at once on the driver's cores:
   * each slice's jackknife merges and measures its 100 groups, which makes it most of the driver's
   * work in a run of thousands of slices. The slices keep what they found, for the console, the
   * report, {@code metrics.json}, gates and the history.
   */
  private static void findIntervals(List<SliceResult> slices, double level) {
    slices.parallelStream().forEach(slice -> IntervalState.intervals(slice.state(), level));
  }

  /**
   * The pass's states, a row a slice (its key values, then its state's byte form; one row without
   * slices), each merged into {@code overall} and kept in {@code sliceResults}, in its byte form, when there are
   * slices.
   */
  private static void merge(List<Row> states, Column[] slices, EvaluationSpec spec, EvaluationState<?> overall,
      List<SliceResult> sliceResults) {
    List<Row> rows = new ArrayList<>(states); // byte forms are sparse: a few hundred bytes a small slice
    // in the order of their keys, whatever the partitioning: the same slices, and the same overall sums, every run
    rows.sort(SliceResult.byKey(slices.length));
    for (Row row : rows) {
      merge(row, slices.length, spec, overall, sliceResults);
    }
  }

  /**
   * The failure of a pass whose states did not fit the driver's memory (thrown in this thread, or
   * in Spark's threads that fetch task results), as an error that says what to change; empty for any
   * other failure.
   */
  static Optional<OutputException> outOfMemory(Throwable failure, EvaluationSpec spec) {
    return Messages.causes(failure).stream()
        .filter(t -> t instanceof OutOfMemoryError || String.valueOf(t.getMessage()).contains("OutOfMemoryError"))
        .findFirst().map(t -> new OutputException(outOfMemoryMessage(spec), failure));
  }

  /**
   * What ran out of memory and what to change: slices only where there are slices, and bins only
   * where the task has histograms that {@code --bins} sizes.
   */
  private static String outOfMemoryMessage(EvaluationSpec spec) {
    boolean sliced = !spec.sliceBy().isEmpty();
    String held = sliced ? "the states of its slices" : "the evaluation's state";
    String bins = "";
    List<String> changes = new ArrayList<>();
    if (sliced) {
      changes.add("slice by fewer values");
    }
    if (spec.settings() instanceof BinarySettings b) {
      bins = " (--bins " + b.bins() + ", at most " + BinarySettings.BYTES_PER_BIN + " bytes a filled bin each)";
      changes.add("give a smaller --bins");
    } else if (spec.settings() instanceof MulticlassSettings m && m.hasProbabilities()) {
      changes.add("give a smaller --bins");
    }
    String more = "give the driver more memory (./submit.sh --driver-memory 8g, embedded or on a cluster)";
    return "the driver ran out of memory holding " + held + bins + "; "
        + (changes.isEmpty() ? more : String.join(", ", changes) + ", or " + more);
  }

  private static void merge(Row row, int sliceColumns, EvaluationSpec spec, EvaluationState<?> overall,
      List<SliceResult> sliceResults) {
    byte[] bytes = (byte[]) row.get(sliceColumns);
    EvaluationStates.mergeBytes(overall, bytes); // without a state of its own: 640 KB of bins for a dense slice
    if (sliceColumns > 0) {
      Map<String, Object> key = new LinkedHashMap<>();
      for (int i = 0; i < sliceColumns; i++) {
        key.put(spec.sliceBy().get(i), row.get(i));
      }
      sliceResults.add(new SliceResult(key, KeptState.ofBytes(bytes))); // a slice's bins take 8 x its bytes
    }
  }

  /**
   * The state from {@link ColumnarPass} when the input is a plain columnar scan (perhaps filtered)
   * of the task's columns; otherwise null.
   */
  private static EvaluationState<?> columnarState(InputColumns columns, EvaluationSpec spec) {
    List<String> names = taskColumns(spec);
    return names == null ? null : ColumnarPass.state(columns.stored(names), spec.settings(), spec.confidence() != null,
        probabilityColumns(spec));
  }

  /**
   * The slices' states from {@link SlicedColumnarPass} when the input is a plain columnar scan
   * (perhaps filtered) of the slice columns and the task's; otherwise null.
   */
  private static List<Row> columnarSlices(InputColumns columns, EvaluationSpec spec) {
    List<String> names = taskColumns(spec);
    if (names == null) {
      return null;
    }
    List<String> all = new ArrayList<>(spec.sliceBy());
    all.addAll(names);
    return SlicedColumnarPass.states(columns.stored(all), spec.sliceBy().size(), spec.settings(),
        spec.confidence() != null, probabilityColumns(spec));
  }

  /**
   * The columns a columnar pass reads for the task, in {@link io.evalspark.sql.TaskColumns}' order
   * (label, score or prediction, weight, a multiclass task's probabilities: one array or vector
   * column, or a column per class), or null when none can: with an interval key, or for a
   * multilabel task (the aggregate reads its arrays).
   */
  private static List<String> taskColumns(EvaluationSpec spec) {
    if (spec.intervalKey() != null || spec.task() == Task.MULTILABEL || spec.task() == Task.RANKING) {
      return null;
    }
    List<String> names = new ArrayList<>(List.of(spec.label()));
    String second = spec.task() == Task.BINARY ? spec.score() : spec.prediction();
    if (second != null) {
      names.add(second);
    }
    if (spec.weight() != null) {
      names.add(spec.weight());
    }
    names.addAll(spec.probabilities());
    return names;
  }

  /** How many columns hold a multiclass task's probabilities: one array or vector, or one a class. */
  private static int probabilityColumns(EvaluationSpec spec) {
    return Math.max(1, spec.probabilities().size());
  }

  private static Column stateColumn(InputColumns c, EvaluationSpec spec) {
    String weightColumn = spec.query() != null ? QueryLists.WEIGHT : spec.weight(); // a query's: its rows' mean
    Column weight = spec.weight() == null ? null : c.number("weight", weightColumn, false);
    IntervalGroups group = spec.confidence() == null ? null : spec.intervalKey() == null ? IntervalGroups.BY_ROW
        : IntervalGroups.byKey(c.column("interval-key", spec.intervalKey()));
    TaskSettings settings = spec.settings();
    if (settings instanceof RankedListsSettings ranking && ranking.graded()) {
      return EvaluationColumns.rankingState(ranking, c.numbers("scores", QueryLists.SCORES),
          c.numbers("relevance", QueryLists.RELEVANCE), weight, group);
    }
    if (settings instanceof RankedListsSettings ranking) {
      Column[] items = c.items(spec.label(), spec.prediction());
      return EvaluationColumns.rankingState(ranking, items[0], items[1], weight, group);
    }
    if (settings instanceof MultilabelSettings multilabel) {
      if (!multilabel.labels().isEmpty()) {
        return EvaluationColumns.multilabelState(multilabel, 0, c.perLabel("labels", multilabel.labels(), true),
            c.perLabel("scores", spec.probabilities(), false), weight, group);
      }
      Column labels = c.numbers("label", spec.label());
      // indicator arrays: as many labels as most rows have, so that rows of another length are the invalid ones
      return multilabel.hasScores()
          ? EvaluationColumns.multilabelState(multilabel, c.mostCommonLength(labels), labels,
              c.numbers("scores", spec.probabilities().get(0)), weight, group)
          : EvaluationColumns.multilabelState(multilabel, 0, labels, c.numbers("prediction", spec.prediction()), weight,
              group);
    }
    Column label = spec.task() == Task.MULTICLASS ? c.classIndex("label", spec.label())
        : c.number("label", spec.label(), spec.task() == Task.BINARY);
    if (settings instanceof BinarySettings binary) {
      return EvaluationColumns.binaryState(binary, label, c.score(spec.score()), weight, group);
    }
    if (settings instanceof RegressionSettings regression) {
      return EvaluationColumns.regressionState(
          regression, label, c.number("prediction", spec.prediction(), false), weight, group);
    }
    Column prediction = spec.prediction() == null
        ? functions.lit(null).cast(DataTypes.DoubleType)
        : c.classIndex("prediction", spec.prediction());
    Column probabilities = spec.probabilities().isEmpty()
        ? functions.lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType))
        : c.probabilities(spec.probabilities());
    return EvaluationColumns.multiclassState((MulticlassSettings) settings, label, prediction, probabilities, weight,
        group);
  }
}
