package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Settings of a multiclass evaluation: the number of classes (0 to learn it from the rows), whether
 * rows carry a predicted class and/or a probability per class, K of top-K accuracy (0 for none), and
 * the bins of each class's one-vs-rest score histogram ({@code --bins}; 0 for the default, see
 * {@link OneVsRestHistograms}).
 */
public record MulticlassSettings(int classes, boolean hasPrediction, boolean hasProbabilities, int topK, int bins)
    implements TaskSettings {
  /** What a label or predicted class of strings should be instead. */
  public static final String CLASS_INDICES = "a numeric column of class indices 0, 1, 2, ... (index class names"
      + " first, for example with MLlib's StringIndexer)";

  /** Settings whose one-vs-rest histograms have the default bins. */
  public MulticlassSettings(int classes, boolean hasPrediction, boolean hasProbabilities, int topK) {
    this(classes, hasPrediction, hasProbabilities, topK, 0);
  }

  /** Checks the settings, naming the one that is wrong. */
  public MulticlassSettings {
    if (classes < 0) {
      throw new IllegalArgumentException("the number of classes must be >= 0 (0 learns it), got " + classes);
    }
    if (!hasPrediction && !hasProbabilities) {
      throw new IllegalArgumentException("a multiclass evaluation needs a prediction or probabilities");
    }
    if (topK < 0 || (topK > 0 && !hasProbabilities)) {
      throw new IllegalArgumentException("top-k accuracy needs probabilities and k >= 1, got k=" + topK);
    }
    if (bins < 0 || (bins > 0 && !hasProbabilities)) {
      throw new IllegalArgumentException("--bins of a multiclass evaluation sizes its one-vs-rest histograms, which"
          + " need probabilities, and must be >= 1; got " + bins);
    }
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(classes);
    out.writeBoolean(hasPrediction);
    out.writeBoolean(hasProbabilities);
    out.writeInt(topK);
    out.writeInt(bins);
  }

  /** Reads settings; before format version 6 they had no bins (the default). */
  static MulticlassSettings readFrom(DataInput in, int version) throws IOException {
    return new MulticlassSettings(in.readInt(), in.readBoolean(), in.readBoolean(), in.readInt(),
        version >= 6 ? in.readInt() : 0);
  }

  @Override
  public Task task() {
    return Task.MULTICLASS;
  }

  @Override
  public MulticlassState emptyState() {
    return new MulticlassState(this);
  }

  @Override
  public List<String> metricNames() {
    return MulticlassCatalogue.CATALOGUE.names(this);
  }
}
