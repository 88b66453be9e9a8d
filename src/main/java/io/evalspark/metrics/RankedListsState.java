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
   * not count); a null array, a null, NaN or infinite item, a predicted item named twice (which would
   * count as two hits, and take recall, NDCG and average precision above 1) or a bad weight makes
   * the row invalid.
   */
  public void update(double[] predicted, double[] relevant, double weight) {
    String reason = relevant == null ? "relevant items are null"
        : predicted == null ? "predicted items are null"
        : !RowValues.finite(relevant) ? "a relevant item is null, NaN or infinite"
        : !RowValues.finite(predicted) ? "a predicted item is null, NaN or infinite"
        : repeatsAnItem(predicted) ? "a predicted item is named twice"
        : Weights.invalidReason(weight);
    if (reason != null) {
      rows.invalid(reason, "predicted=" + Arrays.toString(predicted) + ", relevant=" + Arrays.toString(relevant)
          + ", weight=" + weight);
      return;
    }
    Set<Double> wanted = new HashSet<>();
    for (double item : relevant) {
      wanted.add(item + 0.0);
    }
    boolean[] hit = new boolean[predicted.length];
    for (int i = 0; i < predicted.length; i++) {
      hit[i] = wanted.contains(predicted[i] + 0.0);
    }
    int n = wanted.size();
    double[] ndcg = new double[settings.ks().size()];
    for (int j = 0; j < ndcg.length; j++) {
      int k = settings.ks().get(j);
      double dcg = 0.0;
      for (int i = 0; i < Math.min(k, predicted.length); i++) {
        dcg += hit[i] ? discount(i) : 0.0;
      }
      double idcg = 0.0;
      for (int i = 0; i < Math.min(k, n); i++) {
        idcg += discount(i);
      }
      ndcg[j] = n == 0 ? 0.0 : dcg / idcg;
    }
    count(hit, n, ndcg, weight);
  }

  /** Whether a list names some item more than once. */
  private static boolean repeatsAnItem(double[] items) {
    Set<Double> seen = new HashSet<>();
    for (double item : items) {
      if (!seen.add(item + 0.0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts one query given as its items' scores and graded relevances (at least 0; an item is
   * relevant where its relevance is above 0). Items rank by score, highest first, ties broken by
   * relevance, lowest first; NDCG is scikit-learn's {@code ndcg_score}: gains are the relevances,
   * and tied scores share the mean gain of their group. A null query (no arrays: its rows had no
   * query id) or an empty one, arrays of different lengths, a null, NaN or infinite score, a
   * negative, null or NaN relevance or a bad weight make it invalid.
   */
  public void updateGraded(double[] scores, double[] relevance, double weight) {
    String reason = scores == null || relevance == null ? "a query is null"
        : scores.length == 0 ? "a query has no items"
        : scores.length != relevance.length ? "scores and relevances differ in number"
        : !RowValues.finite(scores) ? "a score is null, NaN or infinite"
        : !RowValues.nonNegative(relevance) ? "a relevance is null, NaN, infinite or negative"
        : Weights.invalidReason(weight);
    if (reason != null) {
      rows.invalid(reason, "scores=" + Arrays.toString(scores) + ", relevance=" + Arrays.toString(relevance)
          + ", weight=" + weight);
      return;
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> scores[x] != scores[y] ? Double.compare(scores[y], scores[x])
        : Double.compare(relevance[x], relevance[y]));
    boolean[] hit = new boolean[order.length];
    int n = 0;
    for (int i = 0; i < order.length; i++) {
      hit[i] = relevance[order[i]] > 0.0;
      n += hit[i] ? 1 : 0;
    }
    double[] ideal = relevance.clone();
    Arrays.sort(ideal);
    double[] ndcg = new double[settings.ks().size()];
    for (int j = 0; j < ndcg.length; j++) {
      int k = settings.ks().get(j);
      double dcg = 0.0;
      for (int start = 0; start < order.length && start < k; ) {
        int end = start;
        double gains = 0.0;
        while (end < order.length && scores[order[end]] == scores[order[start]]) {
          gains += relevance[order[end]];
          end++;
        }
        double discounts = 0.0;
        for (int i = start; i < Math.min(end, k); i++) {
          discounts += discount(i);
        }
        dcg += gains / (end - start) * discounts;
        start = end;
      }
      double idcg = 0.0;
      for (int i = 0; i < Math.min(k, ideal.length); i++) {
        idcg += ideal[ideal.length - 1 - i] * discount(i);
      }
      ndcg[j] = idcg == 0.0 ? 0.0 : dcg / idcg;
    }
    count(hit, n, ndcg, weight);
  }

  /** Counts a query whose ranked items are relevant where {@code hit}, of {@code n} relevant items, with its NDCG at each K. */
  private void count(boolean[] hit, int n, double[] ndcg, double weight) {
    rows.evaluated();
    List<Integer> ks = settings.ks();
    for (int j = 0; j < ks.size(); j++) {
      int k = ks.get(j);
      int hits = 0;
      double precisionSum = 0.0;
      for (int i = 0; i < Math.min(k, hit.length); i++) {
        if (hit[i]) {
          hits++;
          precisionSum += (double) hits / (i + 1);
        }
      }
      atK[j][0].update(n == 0 ? 0.0 : (double) hits / k, weight);
      atK[j][1].update(n == 0 ? 0.0 : (double) hits / n, weight);
      atK[j][2].update(ndcg[j], weight);
      atK[j][3].update(n == 0 ? 0.0 : precisionSum / Math.min(k, n), weight);
    }
    int hits = 0;
    double precisionSum = 0.0;
    double firstHit = 0.0;
    for (int i = 0; i < hit.length; i++) {
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

  /** The discount of rank {@code i} (from 0): 1 / log2(i + 2). */
  private static double discount(int i) {
    return 1.0 / log2(i + 2);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
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
  public double evaluatedWeight() {
    return averagePrecision.weight();
  }

  @Override
  public RowCounts rowCounts() {
    return rows;
  }

  @Override
  public Map<String, Double> metrics() {
    return RankedListsCatalogue.CATALOGUE.values(settings, view(),
        Catalogue.undefined(rows.evaluatedRows(), averagePrecision.weight()));
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
