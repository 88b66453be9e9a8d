package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One score histogram per class for one-vs-rest ranking metrics: class c's histogram counts each
 * row's probability of c, as a positive where the row's label is c and as a negative otherwise.
 * The histograms are made by the first row, one per probability, and together hold at most {@link
 * #TOTAL_BINS} bins ({@link ScoreHistogram#DEFAULT_BINS} per class up to 10 classes, fewer beyond,
 * never below {@link #FEWEST_BINS}), unless the evaluation names the bins a class ({@code --bins}).
 * Rows whose probabilities differ in length from the first's make every one-vs-rest metric
 * undefined, as do merges of states of different lengths and of states stored before these
 * histograms were kept.
 */
final class OneVsRestHistograms {
  /** The most bins the histograms of one state hold together. */
  static final int TOTAL_BINS = 100_000;
  /** The fewest bins a class's histogram has, whatever the number of classes. */
  static final int FEWEST_BINS = 100;
  /** Each class's bins as the evaluation named them, or 0 for the rule above. */
  private final int perClass;
  private ScoreHistogram[] classes;
  /** Whether the metrics are undefined: mixed lengths, or a merged state that kept no histograms. */
  private boolean undefined;

  /** Histograms of bins by the rule above. */
  OneVsRestHistograms() {
    this(0);
  }

  /** Histograms of {@code perClass} bins a class, or by the rule above for 0. */
  OneVsRestHistograms(int perClass) {
    this.perClass = perClass;
  }

  /** Counts one valid row: its class index and its probabilities. */
  void update(int label, double[] probabilities, double w) {
    if (fits(probabilities.length)) {
      for (int c = 0; c < probabilities.length; c++) {
        classes[c].update(probabilities[c], c == label, w);
      }
    }
  }

  /** Counts one valid row of several labels: per label whether it is true of the row (1) or not (0), and its score. */
  void update(double[] isTrue, double[] scores, double w) {
    if (fits(scores.length)) {
      for (int c = 0; c < scores.length; c++) {
        classes[c].update(scores[c], isTrue[c] == 1.0, w);
      }
    }
  }

  /** Whether a row of {@code length} scores can be counted: the histograms are made, and of that many classes. */
  private boolean fits(int length) {
    if (undefined) {
      return false;
    }
    if (classes == null) {
      classes = newHistograms(length, perClass > 0 ? perClass : binsPerClass(length));
    } else if (classes.length != length) {
      undefined = true;
      classes = null;
      return false;
    }
    return true;
  }

  /** The bins of each class's histogram for {@code count} classes. */
  static int binsPerClass(int count) {
    return Math.max(FEWEST_BINS, Math.min(ScoreHistogram.DEFAULT_BINS, TOTAL_BINS / Math.max(1, count)));
  }

  private static ScoreHistogram[] newHistograms(int count, int bins) {
    ScoreHistogram[] h = new ScoreHistogram[count];
    for (int c = 0; c < count; c++) {
      h[c] = new ScoreHistogram(bins);
    }
    return h;
  }

  void merge(OneVsRestHistograms other) {
    if (undefined || other.classes == null && !other.undefined) {
      return;
    }
    if (other.undefined || (classes != null && classes.length != other.classes.length)) {
      undefined = true;
      classes = null;
      return;
    }
    if (classes == null) {
      classes = new ScoreHistogram[other.classes.length];
      for (int c = 0; c < classes.length; c++) {
        classes[c] = new ScoreHistogram(other.classes[c].bins()); // as many bins as the other's
      }
    }
    for (int c = 0; c < classes.length; c++) {
      classes[c].merge(other.classes[c]);
    }
  }

  /** Whether the metrics are undefined: rows or states of different lengths, or a state stored without histograms. */
  boolean isUndefined() {
    return undefined;
  }

  /** The per-class views, which {@link OneVsRest}'s formulas read. */
  OneVsRest view() {
    if (classes == null) {
      return new OneVsRest(new HistogramView[0], undefined);
    }
    HistogramView[] views = new HistogramView[classes.length];
    for (int c = 0; c < classes.length; c++) {
      views[c] = classes[c].view();
    }
    return new OneVsRest(views, false);
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeBoolean(undefined);
    out.writeInt(classes == null ? 0 : classes.length);
    if (classes != null) {
      for (ScoreHistogram h : classes) {
        h.writeTo(out);
      }
    }
  }

  /** Reads histograms; if none were kept yet, a first row makes them of {@code perClass} bins (0: the rule's). */
  static OneVsRestHistograms readFrom(DataInput in, int version, int perClass) throws IOException {
    OneVsRestHistograms h = new OneVsRestHistograms(perClass);
    h.undefined = in.readBoolean();
    int count = in.readInt();
    if (count > 0) {
      h.classes = new ScoreHistogram[count];
      for (int c = 0; c < count; c++) {
        h.classes[c] = ScoreHistogram.readFrom(in, version);
      }
    }
    return h;
  }

  /** The one-vs-rest metrics of a state stored before they were kept: undefined, and undefined after merges. */
  static OneVsRestHistograms unknown() {
    OneVsRestHistograms h = new OneVsRestHistograms();
    h.undefined = true;
    return h;
  }
}
