package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Score drift from two states' histograms against the same statistics computed here from the rows:
 * the two-sample KS by sorting, and PSI over the reference's decile buckets (scores of 3 decimals,
 * so that every bin holds one distinct score).
 */
class ScoreDriftTest {
  /** Rows {label, score, weight} with scores rounded to 3 decimals around {@code centre}. */
  private static List<double[]> rows(Random r, int n, double centre) {
    return rows(r, n, centre, 0.2);
  }

  private static List<double[]> rows(Random r, int n, double centre, double spread) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double label = r.nextDouble() < 0.3 ? 1 : 0;
      double score = Math.rint(1000 * Math.min(1, Math.max(0, centre + 0.15 * label + spread * r.nextGaussian()))) / 1000;
      rows.add(new double[] {label, score, 0.5 + r.nextInt(3)});
    }
    return rows;
  }

  private static BinaryState state(List<double[]> rows) {
    BinaryState s = new BinaryState(BinarySettings.defaults());
    rows.forEach(row -> s.update(row[0], row[1], row[2]));
    return s;
  }

  /** Weight by distinct score of the rows of a class (-1: both). */
  private static TreeMap<Double, Double> byScore(List<double[]> rows, int label) {
    TreeMap<Double, Double> w = new TreeMap<>();
    for (double[] row : rows) {
      if (label < 0 || row[0] == label) {
        w.merge(row[1], row[2], Double::sum);
      }
    }
    return w;
  }

  private static double total(TreeMap<Double, Double> w) {
    return w.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The largest gap between the two weighted empirical distribution functions, at every score. */
  private static double ks(TreeMap<Double, Double> reference, TreeMap<Double, Double> current) {
    TreeMap<Double, Double> all = new TreeMap<>(reference);
    current.keySet().forEach(k -> all.putIfAbsent(k, 0.0));
    double r = 0;
    double c = 0;
    double ks = 0;
    for (double score : all.keySet()) {
      r += reference.getOrDefault(score, 0.0) / total(reference);
      c += current.getOrDefault(score, 0.0) / total(current);
      ks = Math.max(ks, Math.abs(c - r));
    }
    return ks;
  }

  /**
   * PSI over buckets that each end at the score where the reference's cumulative share first
   * reaches a decile (a score that passes several deciles ends one bucket); scores past the last
   * such score fall in the last bucket.
   */
  private static double psi(TreeMap<Double, Double> reference, TreeMap<Double, Double> current) {
    java.util.TreeSet<Double> ends = new java.util.TreeSet<>();
    double cumulative = 0;
    int decile = 1;
    double total = total(reference);
    for (double score : reference.keySet()) {
      cumulative += reference.get(score);
      if (decile < 10 && cumulative / total >= decile / 10.0) {
        ends.add(score);
        while (decile < 10 && cumulative / total >= decile / 10.0) {
          decile++;
        }
      }
    }
    double[] r = new double[ends.size() + 1];
    double[] c = new double[ends.size() + 1];
    for (Map.Entry<Double, Double> e : reference.entrySet()) {
      r[ends.headSet(e.getKey(), false).size()] += e.getValue() / total(reference);
    }
    for (Map.Entry<Double, Double> e : current.entrySet()) {
      c[ends.headSet(e.getKey(), false).size()] += e.getValue() / total(current);
    }
    double psi = 0;
    for (int b = 0; b < r.length; b++) {
      double e = Math.max(r[b], ScoreDrift.PSI_FLOOR);
      double a = Math.max(c[b], ScoreDrift.PSI_FLOOR);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  @Test
  void psiAndKsPerClassEqualTheirDefinitionsOverTheRows() {
    Random random = new Random(8);
    // the current scores reach well past the reference's highest: cells the reference has none of
    List<double[]> before = rows(random, 20_000, 0.3, 0.08);
    List<double[]> after = rows(random, 15_000, 0.4, 0.2);
    Map<String, Double> drift = ScoreDrift.of("previous", state(before), state(after));
    int[] labels = {-1, 1, 0};
    String[] suffixes = {"", "_positive", "_negative"};
    for (int k = 0; k < 3; k++) {
      TreeMap<Double, Double> r = byScore(before, labels[k]);
      TreeMap<Double, Double> c = byScore(after, labels[k]);
      assertEquals(ks(r, c), drift.get("ks_vs_previous" + suffixes[k]), 1e-12, suffixes[k]);
      assertEquals(psi(r, c), drift.get("psi_vs_previous" + suffixes[k]), 1e-12, suffixes[k]);
    }
    assertTrue(drift.get("psi_vs_previous") > 0.05, drift.toString());
  }

  @Test
  void theSameDistributionHasNoDriftAndOtherBinsNone() {
    List<double[]> rows = rows(new Random(9), 5_000, 0.5);
    Map<String, Double> same = ScoreDrift.of("baseline", state(rows), state(rows));
    assertEquals(List.copyOf(ScoreDrift.names("baseline")), List.copyOf(same.keySet()));
    same.values().forEach(v -> assertEquals(0.0, v, 1e-15));
    BinaryState coarse = new BinaryState(new BinarySettings(0.5, false, 100, Double.NaN, 200));
    rows.forEach(row -> coarse.update(row[0], row[1], row[2]));
    ScoreDrift.of("previous", state(rows), coarse).values().forEach(v -> assertTrue(v.isNaN()));
    assertTrue(ScoreDrift.of("previous", new RegressionState(RegressionSettings.defaults()), coarse).isEmpty());
  }
}
