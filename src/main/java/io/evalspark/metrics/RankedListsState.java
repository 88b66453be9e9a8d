package io.evalspark.metrics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a ranking evaluation needs: per query (a row: its predicted items in rank order and
 * its relevant items, each an array of numbers), the weighted sums of its precision, recall, NDCG
 * and average precision at each cut-off K, of its average precision and of its reciprocal rank.
 * Definitions follow Spark MLlib's {@code RankingMetrics} (binary relevance); a query without
 * relevant items scores 0 on every metric, as there.
 */
public final class RankedListsState implements EvaluationState<RankedListsState> {
  private final RankedListsSettings settings;
  private RowCounts rows = new RowCounts();
  /** Per K (in the settings' order): precision, recall, NDCG and average precision at K. */
  private final MeanLoss[][] atK;
  private final MeanLoss averagePrecision = new MeanLoss();
  private final MeanLoss reciprocalRank = new MeanLoss();

  /** An empty state. */
  public RankedListsState(RankedListsSettings settings) {
    this.settings = settings;
    atK = new MeanLoss[settings.ks().size()][4];
    for (MeanLoss[] sums : atK) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] = new MeanLoss();
      }
    }
  }

  /**
   * Counts one query: its predicted items, best first, and its relevant items (order and repeats do
   * not count); a null array, a NaN or infinite item or a bad weight makes the row invalid.
   */
  public void update(double[] predicted, double[] relevant, double weight) {
    String reason = relevant == null ? "relevant items are null"
        : predicted == null ? "predicted items are null"
        : !finite(relevant) ? "a relevant item is NaN or infinite"
        : !finite(predicted) ? "a predicted item is NaN or infinite"
        : Weights.invalidReason(weight);
    if (reason != null) {
      rows.invalid(reason, "predicted=" + Arrays.toString(predicted) + ", relevant=" + Arrays.toString(relevant)
          + ", weight=" + weight);
      return;
    }
    rows.evaluated();
    Set<Double> wanted = new HashSet<>();
    for (double item : relevant) {
      wanted.add(item + 0.0);
    }
    boolean[] hit = new boolean[predicted.length];
    for (int i = 0; i < predicted.length; i++) {
      hit[i] = wanted.contains(predicted[i] + 0.0);
    }
    int n = wanted.size();
    List<Integer> ks = settings.ks();
    for (int j = 0; j < ks.size(); j++) {
      int k = ks.get(j);
      int hits = 0;
      double dcg = 0.0;
      double precisionSum = 0.0;
      for (int i = 0; i < Math.min(k, predicted.length); i++) {
        if (hit[i]) {
          hits++;
          dcg += 1.0 / log2(i + 2);
          precisionSum += (double) hits / (i + 1);
        }
      }
      double idcg = 0.0;
      for (int i = 0; i < Math.min(k, n); i++) {
        idcg += 1.0 / log2(i + 2);
      }
      atK[j][0].update(n == 0 ? 0.0 : (double) hits / k, weight);
      atK[j][1].update(n == 0 ? 0.0 : (double) hits / n, weight);
      atK[j][2].update(n == 0 ? 0.0 : dcg / idcg, weight);
      atK[j][3].update(n == 0 ? 0.0 : precisionSum / Math.min(k, n), weight);
    }
    int hits = 0;
    double precisionSum = 0.0;
    double firstHit = 0.0;
    for (int i = 0; i < predicted.length; i++) {
      if (hit[i]) {
        hits++;
        precisionSum += (double) hits / (i + 1);
        if (firstHit == 0.0) {
          firstHit = 1.0 / (i + 1);
        }
      }
    }
    averagePrecision.update(n == 0 ? 0.0 : precisionSum / n, weight);
    reciprocalRank.update(firstHit, weight);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }

  private static boolean finite(double[] values) {
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void merge(RankedListsState other) {
    settings.requireSame(other.settings);
    rows.merge(other.rows);
    for (int j = 0; j < atK.length; j++) {
      for (int i = 0; i < atK[j].length; i++) {
        atK[j][i].merge(other.atK[j][i]);
      }
    }
    averagePrecision.merge(other.averagePrecision);
    reciprocalRank.merge(other.reciprocalRank);
  }

  @Override
  public RankedListsSettings settings() {
    return settings;
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    return RankedListsCatalogue.CATALOGUE.values(settings, view(), rows.evaluatedRows() == 0);
  }

  /** A read-only view of the merged sums. */
  public RankedListsView view() {
    double[][] means = new double[atK.length][4];
    for (int j = 0; j < atK.length; j++) {
      for (int i = 0; i < 4; i++) {
        means[j][i] = atK[j][i].mean();
      }
    }
    return new RankedListsView(settings, means, averagePrecision.mean(), reciprocalRank.mean());
  }

  @Override
  public Details details() {
    return new Details.None();
  }

  @Override
  public byte[] toByteArray() {
    return StateBytes.write('Q', out -> {
      settings.writeTo(out);
      rows.writeTo(out);
      for (MeanLoss[] sums : atK) {
        for (MeanLoss m : sums) {
          m.writeTo(out);
        }
      }
      averagePrecision.writeTo(out);
      reciprocalRank.writeTo(out);
    });
  }

  /** Reads a state written by {@link #toByteArray()}. */
  public static RankedListsState fromByteArray(byte[] bytes) {
    return StateBytes.read(bytes, 'Q', "ranking state", (in, version) -> {
      RankedListsState s = new RankedListsState(RankedListsSettings.readFrom(in));
      s.rows = RowCounts.readFrom(in);
      for (MeanLoss[] sums : s.atK) {
        for (MeanLoss m : sums) {
          m.merge(MeanLoss.readFrom(in));
        }
      }
      s.averagePrecision.merge(MeanLoss.readFrom(in));
      s.reciprocalRank.merge(MeanLoss.readFrom(in));
      return s;
    });
  }
}
