package io.evalspark.metrics;

import static io.evalspark.metrics.Metric.larger;
import static io.evalspark.metrics.Metric.largerAtEachK;

import io.evalspark.core.Task;
import io.evalspark.metrics.Metric.Family;
import io.evalspark.metrics.RankedListsView.AtK;
import java.util.List;

/**
 * Every ranking metric: name, direction, family and formula, as Spark MLlib's {@code RankingMetrics}
 * defines them with binary relevance; the metrics at K are reported for each K of the settings.
 */
public final class RankedListsCatalogue {
  /** Mean share of the top K predictions that are relevant (divided by K even where fewer are predicted). */
  public static final Metric<RankedListsSettings, RankedListsView> PRECISION_AT_K = largerAtEachK(
      "precision_at_K", Family.RANKING, (v, k) -> v.at(k, AtK.PRECISION), RankedListsSettings::ks);
  /** Mean share of the relevant items among the top K predictions. */
  public static final Metric<RankedListsSettings, RankedListsView> RECALL_AT_K = largerAtEachK(
      "recall_at_K", Family.RANKING, (v, k) -> v.at(k, AtK.RECALL), RankedListsSettings::ks);
  /** Mean normalised discounted cumulative gain of the top K, relevance 1 or 0. */
  public static final Metric<RankedListsSettings, RankedListsView> NDCG_AT_K = largerAtEachK(
      "ndcg_at_K", Family.RANKING, (v, k) -> v.at(k, AtK.NDCG), RankedListsSettings::ks);
  /** Mean average precision of the top K, each query's divided by min(K, its relevant items). */
  public static final Metric<RankedListsSettings, RankedListsView> MAP_AT_K = largerAtEachK(
      "map_at_K", Family.RANKING, (v, k) -> v.at(k, AtK.AVERAGE_PRECISION), RankedListsSettings::ks);
  /** Mean average precision of the whole predicted lists. */
  public static final Metric<RankedListsSettings, RankedListsView> MAP = larger(
      "map", Family.RANKING, RankedListsView::meanAveragePrecision);
  /** Mean reciprocal rank of the first relevant item. */
  public static final Metric<RankedListsSettings, RankedListsView> MRR = larger(
      "mrr", Family.RANKING, RankedListsView::meanReciprocalRank);

  /** The ranking metrics in report order. */
  public static final Catalogue<RankedListsSettings, RankedListsView> CATALOGUE = new Catalogue<>(Task.RANKING,
      List.of(PRECISION_AT_K, RECALL_AT_K, NDCG_AT_K, MAP_AT_K, MAP, MRR), List.of(MAP, MRR));

  private RankedListsCatalogue() {}
}
