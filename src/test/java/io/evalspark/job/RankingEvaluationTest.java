package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.sql.SqlFunctions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class RankingEvaluationTest {
  /** Queries over items 0..29: some relevant items, a predicted list of 0 to 12 items in which relevant ones rank higher. */
  private static List<Row> queries(int n, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int q = 0; q < n; q++) {
      List<Double> items = new ArrayList<>();
      for (int i = 0; i < 30; i++) items.add((double) i);
      Collections.shuffle(items, r);
      List<Double> relevant = new ArrayList<>(items.subList(0, q % 7 == 0 ? 1 : 1 + r.nextInt(8)));
      List<Double> predicted = new ArrayList<>();
      List<Double> pool = new ArrayList<>(items);
      int length = r.nextInt(13);
      while (predicted.size() < length) {
        // a relevant item is picked first with probability 0.4, otherwise any left
        List<Double> left = pool.stream().filter(relevant::contains).toList();
        Double next = !left.isEmpty() && r.nextDouble() < 0.4 ? left.get(r.nextInt(left.size())) : pool.get(r.nextInt(pool.size()));
        pool.remove(next);
        predicted.add(next);
      }
      rows.add(RowFactory.create(relevant.toArray(new Double[0]), predicted.toArray(new Double[0]), "s" + (q % 2)));
    }
    return rows;
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return Frames.of(Frames.schema("relevant", DataTypes.createArrayType(DataTypes.DoubleType),
        "predicted", DataTypes.createArrayType(DataTypes.DoubleType), "part", DataTypes.StringType), rows, 3);
  }

  private static RankingMetrics<Double> mllib(List<Row> rows) {
    List<Tuple2<List<Double>, List<Double>>> pairs = new ArrayList<>();
    for (Row row : rows) {
      pairs.add(new Tuple2<>(List.of((Double[]) row.get(1)), List.of((Double[]) row.get(0))));
    }
    return RankingMetrics.of(JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext()).parallelize(pairs, 2));
  }

  /** Mean reciprocal rank of the first relevant item, 0 without one, from the rows. */
  private static double mrr(List<Row> rows) {
    double sum = 0;
    for (Row row : rows) {
      List<Double> relevant = List.of((Double[]) row.get(0));
      Double[] predicted = (Double[]) row.get(1);
      for (int i = 0; i < predicted.length; i++) {
        if (relevant.contains(predicted[i])) {
          sum += 1.0 / (i + 1);
          break;
        }
      }
    }
    return sum / rows.size();
  }

  @Test
  void agreesWithMllibsRankingMetricsAtEachK() {
    List<Row> rows = queries(700, 4);
    Map<String, Double> m = EvaluationJob.run(frame(rows), EvaluationSpec.of(Task.RANKING).label("relevant")
        .prediction("predicted").ks(List.of(10, 5, 1)).build()).overall().metrics();
    RankingMetrics<Double> expected = mllib(rows);
    for (int k : new int[] {1, 5, 10}) {
      assertEquals(expected.precisionAt(k), m.get("precision_at_" + k), 1e-12, "precision at " + k);
      assertEquals(expected.recallAt(k), m.get("recall_at_" + k), 1e-12, "recall at " + k);
      assertEquals(expected.ndcgAt(k), m.get("ndcg_at_" + k), 1e-12, "ndcg at " + k);
      assertEquals(expected.meanAveragePrecisionAt(k), m.get("map_at_" + k), 1e-12, "map at " + k);
    }
    assertEquals(expected.meanAveragePrecision(), m.get("map"), 1e-12);
    assertEquals(mrr(rows), m.get("mrr"), 1e-12);
    assertEquals(List.of("precision_at_1", "precision_at_5", "precision_at_10", "recall_at_1"),
        new ArrayList<>(m.keySet()).subList(0, 4), "each metric at each K, the Ks ascending");
    assertTrue(m.get("map") > 0.1 && m.get("map") < 0.9, m.toString());
  }

  @Test
  void aSliceAndTheSqlFunctionGiveTheSameAsMllib() {
    List<Row> rows = queries(400, 6);
    EvaluationResult result = EvaluationJob.run(frame(rows), EvaluationSpec.of(Task.RANKING).label("relevant")
        .prediction("predicted").ks(List.of(3)).sliceBy(List.of("part")).build());
    List<Row> odd = rows.stream().filter(r -> r.getString(2).equals("s1")).toList();
    SliceResult slice = result.slices().stream().filter(s -> "s1".equals(s.key().get("part"))).findFirst().orElseThrow();
    RankingMetrics<Double> expected = mllib(odd);
    assertEquals(expected.ndcgAt(3), slice.state().metrics().get("ndcg_at_3"), 1e-12);
    assertEquals(expected.meanAveragePrecision(), slice.state().metrics().get("map"), 1e-12);
    frame(rows).createOrReplaceTempView("ranking_rows");
    SqlFunctions.registerAll(TestSpark.session());
    Row sql = TestSpark.session().sql("SELECT ranking_metrics(relevant, predicted, 3) FROM ranking_rows").first()
        .getStruct(0);
    RankingMetrics<Double> all = mllib(rows);
    assertEquals(all.precisionAt(3), sql.<Double>getAs("precision_at_3"), 1e-12);
    assertEquals(all.meanAveragePrecisionAt(3), sql.<Double>getAs("map_at_3"), 1e-12);
  }

  @Test
  void byHandWithWeights() {
    // Query 1 (weight 1): relevant {7, 9}, predicted [9, 4, 7]: precision@2 1/2, recall@2 1/2, AP (1 + 2/3) / 2,
    // AP@2 1 / 2, RR 1, NDCG@2 (1) / (1 + 1/log2 3). Query 2 (weight 3): relevant {5}, predicted []: all 0.
    List<Row> rows = List.of(RowFactory.create(new Double[] {7.0, 9.0}, new Double[] {9.0, 4.0, 7.0}, 1.0),
        RowFactory.create(new Double[] {5.0}, new Double[] {}, 3.0));
    Dataset<Row> df = Frames.of(Frames.schema("relevant", DataTypes.createArrayType(DataTypes.DoubleType),
        "predicted", DataTypes.createArrayType(DataTypes.DoubleType), "w", DataTypes.DoubleType), rows, 2);
    Map<String, Double> m = EvaluationJob.run(df, EvaluationSpec.of(Task.RANKING).label("relevant")
        .prediction("predicted").weight("w").ks(List.of(2)).build()).overall().metrics();
    assertEquals(0.5 / 4, m.get("precision_at_2"), 1e-15);
    assertEquals(0.5 / 4, m.get("recall_at_2"), 1e-15);
    assertEquals((1 + 2.0 / 3) / 2 / 4, m.get("map"), 1e-15);
    assertEquals(0.5 / 4, m.get("map_at_2"), 1e-15);
    assertEquals(1.0 / 4, m.get("mrr"), 1e-15);
    assertEquals(1 / (1 + Math.log(2) / Math.log(3)) / 4, m.get("ndcg_at_2"), 1e-15);
  }

  /** Rows (query, item score, graded relevance 0-3, query weight): 8 items a query, scores to 1 decimal (ties). */
  private static List<Row> items(int queries, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      double w = 1 + r.nextInt(3);
      for (int i = 0; i < 8; i++) {
        int relevance = r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(3);
        double score = Math.round(10 * Math.min(1, Math.max(0, 0.15 * relevance + 0.5 * r.nextDouble()))) / 10.0;
        rows.add(RowFactory.create("q" + q, score, relevance, w));
      }
    }
    return rows;
  }

  /**
   * scikit-learn's NDCG at k of one query, computed as the expected DCG over every order of tied
   * scores: each item's gain times the mean discount of the ranks its tie group spans.
   */
  private static double ndcg(double[] scores, double[] relevance, int k) {
    double dcg = 0;
    for (int i = 0; i < scores.length; i++) {
      int above = 0, tied = 0;
      for (int j = 0; j < scores.length; j++) {
        if (scores[j] > scores[i]) above++;
        else if (scores[j] == scores[i]) tied++;
      }
      double discount = 0;
      for (int rank = above; rank < above + tied; rank++) {
        discount += rank < k ? 1 / (Math.log(rank + 2) / Math.log(2)) : 0;
      }
      dcg += relevance[i] * discount / tied;
    }
    double[] ideal = relevance.clone();
    java.util.Arrays.sort(ideal);
    double idcg = 0;
    for (int rank = 0; rank < Math.min(k, ideal.length); rank++) {
      idcg += ideal[ideal.length - 1 - rank] / (Math.log(rank + 2) / Math.log(2));
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  @Test
  void aRowPerItemGivesScikitLearnsGradedNdcgAndMllibsOtherMetrics() {
    List<Row> rows = items(300, 12);
    Dataset<Row> df = Frames.of(Frames.schema("query", DataTypes.StringType, "score", DataTypes.DoubleType,
        "grade", DataTypes.IntegerType, "w", DataTypes.DoubleType), rows, 4);
    Map<String, Double> m = EvaluationJob.run(df, EvaluationSpec.of(Task.RANKING).query("query").score("score")
        .label("grade").weight("w").ks(List.of(3, 5)).build()).overall().metrics();
    Map<String, List<Row>> byQuery = new java.util.TreeMap<>();
    rows.forEach(row -> byQuery.computeIfAbsent(row.getString(0), q -> new ArrayList<>()).add(row));
    double[] ndcg = new double[2];
    double weight = 0;
    List<Row> asLists = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (List<Row> query : byQuery.values()) {
      double[] scores = query.stream().mapToDouble(row -> row.getDouble(1)).toArray();
      double[] relevance = query.stream().mapToDouble(row -> row.getInt(2)).toArray();
      double w = query.get(0).getDouble(3);
      ndcg[0] += w * ndcg(scores, relevance, 3);
      ndcg[1] += w * ndcg(scores, relevance, 5);
      weight += w;
      // the predicted list: by score, highest first, ties with the least relevant first
      List<Row> sorted = new ArrayList<>(query);
      sorted.sort((a, b) -> a.getDouble(1) != b.getDouble(1) ? Double.compare(b.getDouble(1), a.getDouble(1))
          : Integer.compare(a.getInt(2), b.getInt(2)));
      Double[] predicted = new Double[sorted.size()];
      for (int i = 0; i < predicted.length; i++) predicted[i] = (double) query.indexOf(sorted.get(i));
      List<Double> relevant = new ArrayList<>();
      for (int i = 0; i < query.size(); i++) if (query.get(i).getInt(2) > 0) relevant.add((double) i);
      for (int copy = 0; copy < (int) w; copy++) { // whole weights: a query of weight 2 counts twice
        asLists.add(RowFactory.create(relevant.toArray(new Double[0]), predicted, "s"));
      }
    }
    assertEquals(ndcg[0] / weight, m.get("ndcg_at_3"), 1e-12);
    assertEquals(ndcg[1] / weight, m.get("ndcg_at_5"), 1e-12);
    RankingMetrics<Double> expected = mllib(asLists);
    assertEquals(expected.precisionAt(3), m.get("precision_at_3"), 1e-12);
    assertEquals(expected.recallAt(5), m.get("recall_at_5"), 1e-12);
    assertEquals(expected.meanAveragePrecision(), m.get("map"), 1e-12);
    assertEquals(expected.meanAveragePrecisionAt(5), m.get("map_at_5"), 1e-12);
    assertEquals(mrr(asLists), m.get("mrr"), 1e-12);
  }

  @Test
  void tiedScoresShareTheirGroupsMeanGainByHand() {
    // Scores 0.9, 0.5, 0.5, 0.1 with relevances 0, 3, 1, 2; at K 2 the tie spans ranks 1 and 2, of which rank 1 is
    // within K: DCG = 0 + (3 + 1) / 2 / log2(3); ideal 3, 2: 3 + 2 / log2(3).
    List<Row> rows = List.of(RowFactory.create("q", 0.9, 0), RowFactory.create("q", 0.5, 3),
        RowFactory.create("q", 0.5, 1), RowFactory.create("q", 0.1, 2));
    Dataset<Row> df = Frames.of(Frames.schema("query", DataTypes.StringType, "score", DataTypes.DoubleType,
        "grade", DataTypes.IntegerType), rows, 2);
    Map<String, Double> m = EvaluationJob.run(df, EvaluationSpec.of(Task.RANKING).query("query").score("score")
        .label("grade").ks(List.of(2)).build()).overall().metrics();
    double log3 = Math.log(3) / Math.log(2);
    assertEquals((2 / log3) / (3 + 2 / log3), m.get("ndcg_at_2"), 1e-15);
    // Ties broken least relevant first: ranks 0.9 (0), 0.5 (1), 0.5 (3), 0.1 (2): first relevant at rank 2.
    assertEquals(0.5, m.get("mrr"), 1e-15);
    assertEquals(0.5, m.get("precision_at_2"), 1e-15);
  }

  @Test
  void rowsWithoutAQueryAreAnInvalidQueryNotOneOfTheQueries() {
    // q1 ranks its relevant item first, q2 second; the rows of no query would rank theirs first
    List<Row> rows = List.of(RowFactory.create("q1", 0.9, 1), RowFactory.create("q1", 0.1, 0),
        RowFactory.create(null, 0.5, 1), RowFactory.create(null, 0.4, 0),
        RowFactory.create("q2", 0.8, 0), RowFactory.create("q2", 0.3, 2));
    Dataset<Row> df = Frames.of(Frames.schema("query", DataTypes.StringType, "score", DataTypes.DoubleType,
        "grade", DataTypes.IntegerType), rows, 2);
    EvaluationSpec.Builder spec = EvaluationSpec.of(Task.RANKING).query("query").score("score").label("grade")
        .ks(List.of(1));
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(df, spec.build()));
    assertTrue(e.getMessage().contains("1 rows: a query (column 'query') is null"), e.getMessage());
    EvaluationState<?> state = EvaluationJob.run(df, spec.onInvalid(OnInvalid.SKIP).build()).overall();
    assertEquals(3, state.rowCounts().rows(), "three groups: q1, q2 and the rows of no query");
    assertEquals(1, state.rowCounts().invalidRows());
    assertEquals((1 + 0.5) / 2, state.metrics().get("mrr"), 1e-15);
    assertEquals((1 + 0) / 2.0, state.metrics().get("precision_at_1"), 1e-15);
  }

  @Test
  void aQueryWhoseItemsFallInTwoSlicesIsOneQueryOverall() {
    // q1's items 0.9 (1), 0.5 (0), 0.3 (2) lie in slices a, b, a; q2's 0.8 (0), 0.4 (1) in a.
    // Overall, as without --slice-by: q1 ranks a relevant item first (RR 1), q2 second (RR 1/2).
    // Slice a: q1's a items (RR 1) and q2 (RR 1/2); slice b: q1's one item, not relevant (RR 0).
    List<Row> rows = List.of(RowFactory.create("q1", 0.9, 1, "a"), RowFactory.create("q1", 0.5, 0, "b"),
        RowFactory.create("q1", 0.3, 2, "a"), RowFactory.create("q2", 0.8, 0, "a"),
        RowFactory.create("q2", 0.4, 1, "a"));
    Dataset<Row> df = Frames.of(Frames.schema("query", DataTypes.StringType, "score", DataTypes.DoubleType,
        "grade", DataTypes.IntegerType, "kind", DataTypes.StringType), rows, 2);
    EvaluationSpec.Builder spec = EvaluationSpec.of(Task.RANKING).query("query").score("score").label("grade")
        .ks(List.of(1));
    EvaluationState<?> whole = EvaluationJob.run(df, spec.build()).overall();
    EvaluationResult sliced = EvaluationJob.run(df, spec.sliceBy(List.of("kind")).build());
    assertEquals(2, sliced.overall().rowCounts().rows(), "two queries, as without slices");
    assertEquals((1 + 0.5) / 2, sliced.overall().metrics().get("mrr"), 1e-15);
    assertEquals(whole.metrics(), sliced.overall().metrics());
    Map<Object, Double> bySlice = new java.util.HashMap<>();
    sliced.slices().forEach(s -> bySlice.put(s.key().get("kind"), s.state().metrics().get("mrr")));
    assertEquals(Map.of("a", (1 + 0.5) / 2, "b", 0.0), bySlice);
  }

  @Test
  void aQueryWithARowOfNoUsableWeightIsInvalidNotAveragedAway() {
    // q2's weights -1 and 1 average to 0, and q3's null and 2 to 2 where the null is left out: both are invalid
    // queries, as a row of such a weight is in every other task; q1 (weights 1, 3: weight 2) is the one evaluated.
    List<Row> rows = List.of(RowFactory.create("q1", 0.5, 1, 1.0), RowFactory.create("q1", 0.4, 0, 3.0),
        RowFactory.create("q2", 0.3, 0, -1.0), RowFactory.create("q2", 0.1, 2, 1.0),
        RowFactory.create("q3", 0.3, 0, null), RowFactory.create("q3", 0.1, 2, 2.0));
    Dataset<Row> df = Frames.of(Frames.schema("query", DataTypes.StringType, "score", DataTypes.DoubleType,
        "grade", DataTypes.IntegerType, "w", DataTypes.DoubleType), rows, 2);
    EvaluationSpec.Builder spec = EvaluationSpec.of(Task.RANKING).query("query").score("score").label("grade")
        .weight("w").ks(List.of(1));
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(df, spec.build()));
    assertTrue(e.getMessage().contains("2 rows: weight (column 'w') is null, NaN, negative or infinite"), e.getMessage());
    EvaluationState<?> state = EvaluationJob.run(df, spec.onInvalid(OnInvalid.SKIP).build()).overall();
    assertEquals(1, state.rowCounts().evaluatedRows());
    assertEquals(1.0, state.metrics().get("mrr"), 1e-15);
  }

  @Test
  void itemIdsThatNoDoubleHoldsAreComparedExactlyNotTakenForTheirNeighbours() {
    // 2^53 + 1 reads as the double 2^53: predicting 2^53 for a relevant 2^53 + 1 would be a hit. Such rows were
    // invalid; each id is now compared as the number it is. Hits at 1: none, 2^60, none.
    long big = 1L << 53;
    Dataset<Row> df = TestSpark.session().sql("SELECT * FROM VALUES (array(" + (big + 1) + "L), array(" + big + "L)),"
        + " (array(" + (1L << 60) + "L), array(" + (1L << 60) + "L, 7L)), (array(3L), array(" + Long.MAX_VALUE
        + "L)) AS t(relevant, predicted)");
    EvaluationSpec spec = EvaluationSpec.of(Task.RANKING).label("relevant").prediction("predicted")
        .ks(List.of(1)).build();
    EvaluationState<?> state = EvaluationJob.run(df, spec).overall();
    assertEquals(3, state.rowCounts().evaluatedRows());
    assertEquals(1.0 / 3.0, state.metrics().get("precision_at_1"), 1e-15);
    // the same with ids as whole decimals of 20 digits, as unsigned 64-bit ids are often stored, one beyond a long
    Dataset<Row> decimals = df.selectExpr("transform(relevant, x -> CAST(x AS DECIMAL(20, 0))) AS relevant",
        "transform(predicted, x -> CAST(x AS DECIMAL(20, 0))) AS predicted")
        .union(TestSpark.session().sql("SELECT array(18446744073709551615BD), array(18446744073709551614BD,"
            + " 18446744073709551615BD)"));
    Map<String, Double> m = EvaluationJob.run(decimals, spec).overall().metrics();
    assertEquals(1.0 / 4.0, m.get("precision_at_1"), 1e-15);
    assertEquals((0.0 + 1.0 + 0.0 + 0.5) / 4.0, m.get("mrr"), 1e-15, "reciprocal ranks 0, 1, 0 and 1/2");
  }

  @Test
  void stringItemIdsAreComparedAsStrings() {
    // q1: relevant {a, b}, predicted (b, c, a): hits at ranks 1 and 3. q2: relevant {x}, predicted (X, y): none.
    Dataset<Row> df = TestSpark.session().sql("SELECT * FROM VALUES (array('a', 'b'), array('b', 'c', 'a')),"
        + " (array('x'), array('X', 'y')) AS t(relevant, predicted)");
    EvaluationSpec spec = EvaluationSpec.of(Task.RANKING).label("relevant").prediction("predicted")
        .ks(List.of(3)).build();
    Map<String, Double> m = EvaluationJob.run(df, spec).overall().metrics();
    assertEquals((2.0 / 3.0 + 0.0) / 2.0, m.get("precision_at_3"), 1e-15);
    assertEquals((1.0 + 0.0) / 2.0, m.get("recall_at_3"), 1e-15);
    assertEquals(((1.0 + 2.0 / 3.0) / 2.0 + 0.0) / 2.0, m.get("map"), 1e-15);
    assertEquals((1.0 + 0.0) / 2.0, m.get("mrr"), 1e-15);
    double idcg = 1.0 + 1.0 / (Math.log(3) / Math.log(2));
    assertEquals((1.0 + 1.0 / 2.0) / idcg / 2.0, m.get("ndcg_at_3"), 1e-15);
    Row sql = TestSpark.session().sql("SELECT m.evaluated_rows, m.map FROM (SELECT ranking_metrics(relevant,"
        + " predicted) AS m FROM VALUES (array('a', 'b'), array('b', 'c', 'a')), (array('x'), array('X', 'y')),"
        + " (array('q'), array('q', 'q')), (array('q'), array('r', CAST(NULL AS STRING))) AS t(relevant, predicted))")
        .first();
    assertEquals(2L, sql.getLong(0), "an item named twice and a null item make their rows invalid");
    assertEquals(m.get("map"), sql.getDouble(1), 1e-15);
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(
        df.selectExpr("relevant", "transform(predicted, x -> length(x)) AS predicted"), spec));
    assertEquals("the label column 'relevant' has type array<string> and the prediction column 'predicted'"
        + " array<int>; a string item is never a number, so give both as arrays of strings or both as arrays of"
        + " numbers", e.getMessage());
    AnalysisException a = assertThrows(AnalysisException.class, () -> TestSpark.session().sql(
        "SELECT ranking_metrics(array('a'), array(1))").collect());
    assertTrue(a.getMessage().contains("ranking_metrics's arguments: the relevant items are strings and the predicted"
        + " ones numbers, which are never the same item"), a.getMessage());
  }

  @Test
  void aPredictedListThatNamesAnItemTwiceIsAnInvalidQuery() {
    // q1 predicts its one relevant item 2 twice: counted as two hits it would have recall 2 at K 2.
    // q2 predicts (5, 7) of relevant {7}: precision@2 1/2, recall@2 1, NDCG@2 1/log2(3), AP 1/2, RR 1/2.
    List<Row> rows = List.of(RowFactory.create(new Double[] {2.0}, new Double[] {2.0, 2.0}, "s0"),
        RowFactory.create(new Double[] {7.0}, new Double[] {5.0, 7.0}, "s0"));
    EvaluationSpec.Builder spec = EvaluationSpec.of(Task.RANKING).label("relevant").prediction("predicted")
        .ks(List.of(2));
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(frame(rows), spec.build()));
    assertTrue(e.getMessage().contains("1 rows: a predicted item (column 'predicted') is named twice"), e.getMessage());
    Map<String, Double> m = EvaluationJob.run(frame(rows), spec.onInvalid(OnInvalid.SKIP).build()).overall().metrics();
    assertEquals(0.5, m.get("precision_at_2"), 1e-15);
    assertEquals(1.0, m.get("recall_at_2"), 1e-15);
    assertEquals(1.0 / (Math.log(3) / Math.log(2)), m.get("ndcg_at_2"), 1e-15);
    assertEquals(0.5, m.get("map"), 1e-15);
    assertEquals(0.5, m.get("mrr"), 1e-15);
    Row sql = TestSpark.session().sql("SELECT m.invalid_rows, m.recall_at_10, m.map FROM (SELECT ranking_metrics("
        + "relevant, predicted) AS m FROM VALUES (array(2D), array(2D, 2D)), (array(7D), array(5D, 7D)) "
        + "AS t(relevant, predicted))").first();
    assertEquals(1L, sql.getLong(0));
    assertEquals(1.0, sql.getDouble(1), 1e-15);
    assertEquals(0.5, sql.getDouble(2), 1e-15);
  }

  @Test
  void badRowsAndOptionsSayWhatIsWrong() {
    List<Row> rows = new ArrayList<>(queries(10, 1));
    rows.add(RowFactory.create(null, new Double[] {1.0}, "s0"));
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(frame(rows),
        EvaluationSpec.of(Task.RANKING).label("relevant").prediction("predicted").build()));
    assertTrue(e.getMessage().contains("relevant items (column 'relevant') are null"), e.getMessage());
    rows.add(RowFactory.create(new Double[] {3.0, null}, new Double[] {3.0}, "s0"));
    e = assertThrows(BadDataException.class, () -> EvaluationJob.run(frame(rows),
        EvaluationSpec.of(Task.RANKING).label("relevant").prediction("predicted").build()));
    assertTrue(e.getMessage().contains("1 rows: a relevant item (column 'relevant') is null, NaN or infinite"),
        e.getMessage());
    UsageException u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.RANKING).label("relevant")
        .prediction("predicted").ks(List.of(0)).build());
    assertTrue(u.getMessage().startsWith("--k: a cut-off K must be a whole number >= 1"), u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.RANKING).label("relevant")
        .prediction("predicted").ks(List.of(5, 10, 5)).build());
    assertEquals("--k names '5' twice; name each cut-off once", u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.BINARY).label("y").score("p")
        .ks(List.of(5)).build());
    assertTrue(u.getMessage().contains("--k applies to ranking evaluations"), u.getMessage());
    u = assertThrows(UsageException.class, () -> EvaluationSpec.of(Task.RANKING).label("grade").query("q")
        .prediction("p").build());
    assertTrue(u.getMessage().startsWith("a ranking evaluation needs"), u.getMessage());
  }
}
