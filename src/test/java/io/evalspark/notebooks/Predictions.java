package io.evalspark.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The fixture behind the notes' {@code predictions} table: two model versions, three days, 40 rows
 * each; scores on a 0.001 grid (so they tie now and then), v2 separating the classes better. The
 * expected values of the notes' queries are computed here from the rows, by counting and sorting.
 */
final class Predictions {
  record Example(String model, String day, int label, double score) {}

  static final List<String> MODELS = List.of("v1", "v2");
  static final List<String> DAYS = List.of("2026-11-20", "2026-11-21", "2026-11-22");
  final List<Example> rows = new ArrayList<>();

  Predictions() {
    Random r = new Random(2026);
    for (String model : MODELS) {
      double separation = model.equals("v1") ? 0.8 : 2.0;
      for (String day : DAYS) {
        for (int i = 0; i < 40; i++) {
          int label = r.nextDouble() < 0.3 ? 1 : 0;
          double margin = separation * (label - 0.3) + r.nextGaussian() - 0.5;
          double score = Math.round(1000.0 / (1.0 + Math.exp(-margin))) / 1000.0;
          rows.add(new Example(model, day, label, Math.min(0.999, Math.max(0.001, score))));
        }
      }
    }
  }

  List<Example> where(Predicate<Example> keep) {
    return rows.stream().filter(keep).toList();
  }

  /** Of all (positive, negative) pairs, the share the score orders right; ties count half. */
  static double rocAuc(List<Example> rows) {
    double right = 0;
    double pairs = 0;
    for (Example p : rows) {
      for (Example n : rows) {
        if (p.label() == 1 && n.label() == 0) {
          pairs++;
          right += p.score() > n.score() ? 1 : p.score() == n.score() ? 0.5 : 0;
        }
      }
    }
    return right / pairs;
  }

  static double logLoss(List<Example> rows) {
    return rows.stream().mapToDouble(e -> -Math.log(e.label() == 1 ? e.score() : 1 - e.score())).average().orElseThrow();
  }

  static double brier(List<Example> rows) {
    return rows.stream().mapToDouble(e -> (e.score() - e.label()) * (e.score() - e.label())).average().orElseThrow();
  }

  /** Rows with this label whose score is (or is not) at or above the threshold. */
  static long count(List<Example> rows, int label, double threshold, boolean flagged) {
    return rows.stream().filter(e -> e.label() == label && (e.score() >= threshold) == flagged).count();
  }

  static double recall(List<Example> rows, double threshold) {
    double tp = count(rows, 1, threshold, true);
    return tp / (tp + count(rows, 1, threshold, false));
  }

  static double precision(List<Example> rows, double threshold) {
    double tp = count(rows, 1, threshold, true);
    return tp / (tp + count(rows, 0, threshold, true));
  }

  static double accuracy(List<Example> rows, double threshold) {
    return (double) (count(rows, 1, threshold, true) + count(rows, 0, threshold, false)) / rows.size();
  }

  /** The ROC curve through every distinct score, from (0, 0): (false positive rate, true positive rate). */
  static List<double[]> rocPoints(List<Example> rows) {
    double positives = rows.stream().filter(e -> e.label() == 1).count();
    double negatives = rows.size() - positives;
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    rows.stream().mapToDouble(Example::score).distinct().boxed().sorted((a, b) -> Double.compare(b, a))
        .forEach(t -> points.add(new double[] {
            count(rows, 0, t, true) / negatives, count(rows, 1, t, true) / positives}));
    return points;
  }
}
