package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a multilabel evaluation. Without {@code scored}, each row holds an array of its true
 * labels and an array of its predicted ones (MLlib's layout; labels are numbers). With it, each row
 * holds a 0/1 indicator and a score per label (scikit-learn's layout): a label is predicted iff its
 * score is at least {@code threshold}, and the scores also give the ranking metrics. {@code labels}
 * names the labels in order (the indicator columns); empty, the labels are numbered from 0 and their
 * count is learned from the rows.
 */
public record MultilabelSettings(List<String> labels, boolean scored, double threshold) implements TaskSettings {
  /** A label is predicted iff its score is at least this, unless the settings say otherwise. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  /** Checks the settings, naming the one that is wrong. */
  public MultilabelSettings {
    labels = labels == null ? List.of() : List.copyOf(labels);
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("the threshold must be between 0 and 1, got " + threshold);
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels are named twice: " + labels);
    }
    if (!scored && !labels.isEmpty()) {
      throw new IllegalArgumentException("named labels need a score each");
    }
  }

  /** The array layout: true and predicted labels as arrays of numbers. */
  public static MultilabelSettings arrays() {
    return new MultilabelSettings(List.of(), false, DEFAULT_THRESHOLD);
  }

  /** The indicator layout of the named labels (empty: numbered from 0, as many as the rows hold). */
  public static MultilabelSettings indicators(List<String> labels, double threshold) {
    return new MultilabelSettings(labels, true, threshold);
  }

  /** Whether rows hold an indicator and a score per label, which also gives the ranking metrics. */
  public boolean hasScores() {
    return scored;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(labels.size());
    for (String label : labels) {
      out.writeUTF(label);
    }
    out.writeBoolean(scored);
    out.writeDouble(threshold);
  }

  static MultilabelSettings readFrom(DataInput in) throws IOException {
    int n = in.readInt();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add(in.readUTF());
    }
    return new MultilabelSettings(labels, in.readBoolean(), in.readDouble());
  }

  @Override
  public Task task() {
    return Task.MULTILABEL;
  }

  @Override
  public MultilabelState emptyState() {
    return new MultilabelState(this);
  }

  @Override
  public List<String> metricNames() {
    return MultilabelCatalogue.CATALOGUE.names(this);
  }
}
