package io.evalspark.train;

import io.evalspark.core.BadDataException;
import io.evalspark.core.UsageException;
import io.evalspark.job.InputColumns;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The training and validation rows, read once, checked, and cached as one {@link FeatureBlock} per
 * partition. Training steps and monitoring read only these blocks.
 */
public final class TrainingData {
  private final FeatureColumns features;
  private final JavaRDD<PartitionData> train;
  private final JavaRDD<PartitionData> separateValidation;
  private final DataSummary summary;
  private final DataSummary validationSummary;

  private TrainingData(FeatureColumns features, JavaRDD<PartitionData> train, JavaRDD<PartitionData> separateValidation,
      DataSummary summary, DataSummary validationSummary) {
    this.features = features;
    this.train = train;
    this.separateValidation = separateValidation;
    this.summary = summary;
    this.validationSummary = validationSummary;
  }

  /**
   * Reads and caches {@code input} (and {@code validation}, or a {@code validationFraction} split
   * off the input), refusing rows the loss cannot take.
   *
   * @throws BadDataException counting refused rows by reason with an example, unless {@code skipInvalid}
   */
  static TrainingData prepare(Dataset<Row> input, Dataset<Row> validation, FeatureColumns features,
      String label, String weight, Objective objective, int classes, double validationFraction, long seed,
      boolean skipInvalid) {
    if (validation != null && validationFraction > 0.0) {
      throw new UsageException("give at most one of --validation and --validation-split");
    }
    if (!(validationFraction >= 0.0 && validationFraction < 1.0)) {
      throw new UsageException("--validation-split must be in [0, 1); got " + validationFraction);
    }
    PartitionData.Layout layout = new PartitionData.Layout(features, label, weight, objective.loss(),
        objective.labels(), classes);
    JavaRDD<PartitionData> train = pack(input, layout, validationFraction, seed, "train on");
    DataSummary summary = summarise(train);
    FeatureColumns common = features.withLengthOfMostRows(input, summary.refused().keySet());
    if (common != features) { // the first row's vector was not as long as most rows'
      train.unpersist(false);
      layout = layout.withFeatures(common);
      train = pack(input, layout, validationFraction, seed, "train on");
      summary = summarise(train);
    }
    JavaRDD<PartitionData> other = validation == null ? null : packValidation(validation, layout, seed + 1);
    DataSummary otherSummary = other == null ? null : summarise(other);
    try {
      check(summary, "input", skipInvalid);
      requireBothSides(summary, validationFraction);
      requireWeight(summary.trainRows(), summary.weighedTrainRows(), "the input's", " training rows", "train on");
      requireWeight(summary.validationRows(), summary.weighedValidationRows(), "the input's", " validation rows",
          "validate on");
      requireFiniteWeight(summary.trainWeight(), "the input's training rows");
      requireFiniteWeight(summary.validationWeight(), "the input's validation rows");
      if (otherSummary != null) {
        check(otherSummary, "validation input", skipInvalid);
        requireWeight(otherSummary.trainRows(), otherSummary.weighedTrainRows(), "the validation input's", " rows",
            "validate on");
        requireFiniteWeight(otherSummary.trainWeight(), "the validation input's rows");
      }
    } catch (RuntimeException e) {
      train.unpersist(false);
      if (other != null) {
        other.unpersist(false);
      }
      throw e;
    }
    return new TrainingData(layout.features(), train, other, summary, otherSummary);
  }

  /** The rows as partitions of packed features; {@code purpose} ("train on") names what they are for in errors. */
  private static JavaRDD<PartitionData> pack(Dataset<Row> rows, PartitionData.Layout layout, double fraction, long seed,
      String purpose) {
    List<Column> columns;
    try {
      columns = new ArrayList<>(layout.features().select(rows));
      InputColumns check = new InputColumns(rows);
      columns.add(check.number("label", layout.label(), true));
      if (layout.weight() != null) {
        columns.add(check.number("weight", layout.weight(), false));
      }
    } catch (BadDataException e) {
      throw InputColumns.whereNoRows(e, rows, purpose);
    }
    Dataset<Row> selected = rows.select(columns.toArray(new Column[0]));
    StructType schema = selected.schema();
    JavaRDD<PartitionData> packed = selected.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex((partition, it) ->
            Collections.singletonList(PartitionData.pack(it, schema, partition, layout, fraction, seed)).iterator(), true);
    return packed.persist(StorageLevel.MEMORY_ONLY());
  }

  /** {@link #pack}s the validation rows; a missing or mistyped column is named as the validation input's. */
  private static JavaRDD<PartitionData> packValidation(Dataset<Row> rows, PartitionData.Layout layout, long seed) {
    try {
      return pack(rows, layout, 0.0, seed, "validate on");
    } catch (BadDataException e) {
      throw new BadDataException("the validation input (--validation): " + e.getMessage());
    }
  }

  private static DataSummary summarise(JavaRDD<PartitionData> data) {
    List<DataSummary> parts = data.map(p -> p.summary).collect();
    DataSummary total = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      total.merge(parts.get(i));
    }
    return total;
  }

  private static void check(DataSummary s, String what, boolean skipInvalid) {
    long refused = s.refused().values().stream().mapToLong(Long::longValue).sum();
    if (refused > 0 && !skipInvalid) {
      StringBuilder m = new StringBuilder(refused + " row" + (refused == 1 ? "" : "s") + " of the " + what
          + " cannot be trained on:");
      for (Map.Entry<String, Long> e : s.refused().entrySet()) {
        m.append("\n  ").append(e.getValue()).append(" × ").append(e.getKey())
            .append("; for example the row ").append(s.examples().get(e.getKey()));
      }
      m.append("\n(--on-invalid skip trains on the other rows)");
      throw new BadDataException(m.toString());
    }
    if (s.trainRows() + s.validationRows() == 0) {
      throw new BadDataException("the " + what + " has no usable rows");
    }
  }

  /**
   * Refuses a {@code fraction} split off the input that sets aside every usable row, or none: each
   * row is drawn for validation with that probability, so a share near 1 or 0 of few rows can leave
   * nothing to train on or, without a word, nothing to validate on.
   */
  private static void requireBothSides(DataSummary s, double fraction) {
    long usable = s.trainRows() + s.validationRows();
    if (fraction == 0.0 || usable == 0 || (s.trainRows() > 0 && s.validationRows() > 0)) {
      return;
    }
    boolean all = s.trainRows() == 0;
    throw new BadDataException("--validation-split " + BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString()
        + " set aside " + (all ? "all " : "none of the ") + usable + " usable rows of the input for validation (each"
        + " row is drawn with that probability), leaving no rows to " + (all ? "train on" : "validate on")
        + "; give a " + (all ? "smaller" : "larger") + " split, or --validation PATH");
  }

  /**
   * Refuses {@code rows} rows none of which weighs more than 0: their loss and metrics would be 0 / 0,
   * and training would stop saying that the loss diverged.
   */
  private static void requireWeight(long rows, long weighed, String whose, String which, String purpose) {
    if (rows > 0 && weighed == 0) {
      throw new BadDataException("every one of " + whose + " " + rows + which + " weighs 0 (--weight): there is"
          + " nothing to " + purpose);
    }
  }

  /**
   * Refuses rows whose weights add up to more than a double holds: a step's loss over them would be
   * NaN, and training would stop saying that the loss diverged.
   */
  private static void requireFiniteWeight(double total, String whose) {
    if (Double.isInfinite(total)) {
      throw new BadDataException("weights too large: the weights (--weight) of " + whose + " add up to more than a"
          + " double holds (about 1.8e308), over which every loss and metric is undefined; divide the weight column"
          + " by a constant");
    }
  }

  /** The features as read: as many as most rows hold. */
  public FeatureColumns features() {
    return features;
  }

  /** The cached training partitions. */
  JavaRDD<PartitionData> train() {
    return train;
  }

  /** Whether there are validation rows, split off or read separately. */
  boolean hasValidation() {
    return separateValidation != null || summary.validationRows() > 0;
  }

  /** The cached partitions that hold the validation rows. */
  JavaRDD<PartitionData> validationPartitions() {
    return separateValidation != null ? separateValidation : train;
  }

  /** Which block of {@link #validationPartitions()} holds the validation rows. */
  static FeatureBlock validationBlock(PartitionData p, boolean separate) {
    return separate ? p.train : p.validation;
  }

  /** Whether validation was read separately (its rows are in each partition's training block). */
  boolean validationIsSeparate() {
    return separateValidation != null;
  }

  /** What was read from the training input. */
  public DataSummary summary() {
    return summary;
  }

  /** What was read from a separate validation input, or null. */
  public DataSummary validationSummary() {
    return validationSummary;
  }

  /** Frees the cached blocks. */
  void release() {
    train.unpersist(false);
    if (separateValidation != null) {
      separateValidation.unpersist(false);
    }
  }
}
