package io.evalspark.train;

import io.evalspark.metrics.Weights;
import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * One partition's training rows, the validation rows split off them, and a summary of everything
 * read, refused rows included.
 */
public final class PartitionData implements Serializable {
  private static final long serialVersionUID = 1L;
  final FeatureBlock train;
  final FeatureBlock validation;
  final DataSummary summary;
  /** The index of the input partition these rows were read from. */
  final int partition;

  private PartitionData(int partition, FeatureBlock train, FeatureBlock validation, DataSummary summary) {
    this.partition = partition;
    this.train = train;
    this.validation = validation;
    this.summary = summary;
  }

  /**
   * Packs rows laid out as {@code [features..., label, weight?]}. Each usable row goes to validation
   * with probability {@code validationFraction}, drawn from {@code seed} and the partition.
   */
  static PartitionData pack(Iterator<InternalRow> rows, StructType schema, int partition, Layout layout,
      double validationFraction, long seed) {
    FeatureColumns features = layout.features();
    FeatureBlock train = new FeatureBlock(features.size());
    FeatureBlock validation = new FeatureBlock(features.size());
    DataSummary summary = new DataSummary(features.size());
    SplittableRandom random = new SplittableRandom(seed * 31L + partition);
    double[] x = new double[features.size()];
    DataType first = schema.fields()[0].dataType();
    int labelAt = features.width();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      String problem = features.read(row, first, x);
      double label = row.isNullAt(labelAt) ? Double.NaN : row.getDouble(labelAt);
      double weight = layout.weight() == null ? 1.0 : row.isNullAt(labelAt + 1) ? Double.NaN : row.getDouble(labelAt + 1);
      if (problem == null) {
        problem = labelProblem(layout, label);
      }
      if (problem == null && Weights.invalidReason(weight) != null) {
        problem = "the weight column '" + layout.weight() + "': " + Weights.invalidReason(weight);
      }
      if (problem != null) {
        summary.refuse(problem, CatalystTypeConverters.convertToScala(row, schema).toString());
        continue;
      }
      boolean toValidation = validationFraction > 0.0 && random.nextDouble() < validationFraction;
      (toValidation ? validation : train).add(x, label, weight);
      summary.accept(x, label, weight, toValidation);
    }
    train.trim();
    validation.trim();
    return new PartitionData(partition, train, validation, summary);
  }

  private static String labelProblem(Layout layout, double label) {
    if (Double.isNaN(label)) {
      return "the label column '" + layout.label() + "' is null or NaN";
    }
    if (!layout.labels().accepts(label, layout.classes())) {
      return "the label column '" + layout.label() + "' holds a value that " + layout.loss() + " cannot take: expected "
          + layout.labels().expected() + (layout.classes() > 0 && layout.labels() == LabelRule.CLASS_INDEX
          ? " (classes = " + layout.classes() + ")" : "");
    }
    return null;
  }

  /**
   * How the selected rows are laid out and checked.
   *
   * @param features the feature columns, first in each row
   * @param label the label column, after the features
   * @param weight the weight column after the label, or null
   * @param loss the loss's name, for messages
   * @param labels the labels the loss takes
   * @param classes the number of classes where declared, else 0
   */
  record Layout(FeatureColumns features, String label, String weight, String loss, LabelRule labels, int classes)
      implements Serializable {
    /** The same layout with {@code other} features. */
    Layout withFeatures(FeatureColumns other) {
      return new Layout(other, label, weight, loss, labels, classes);
    }
  }
}
