package io.evalspark.metrics;

/**
 * A read-only view of a merged {@link RankedListsState}, which the ranking catalogue's formulas read.
 *
 * @param settings the evaluation's settings
 * @param atK per cut-off (in the settings' order) the weighted means of precision, recall, NDCG and
 *     average precision at K
 * @param meanAveragePrecision the weighted mean of the queries' average precisions
 * @param meanReciprocalRank the weighted mean of 1 / the rank of each query's first relevant item (0 without one)
 */
public record RankedListsView(RankedListsSettings settings, double[][] atK, double meanAveragePrecision,
    double meanReciprocalRank) {
  /** Which figure at K. */
  enum AtK { PRECISION, RECALL, NDCG, AVERAGE_PRECISION }

  double at(int k, AtK figure) {
    return atK[settings.ks().indexOf(k)][figure.ordinal()];
  }
}
