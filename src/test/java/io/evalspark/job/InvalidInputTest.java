package io.evalspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalspark.TestSpark;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidInputTest {
  private static Dataset<Row> withBadRows() {
    List<Row> rows = Arrays.asList(
        RowFactory.create(1.0, 0.9), RowFactory.create(0.0, 0.2), RowFactory.create(null, 0.5),
        RowFactory.create(2.0, 0.5), RowFactory.create(1.0, 1.5), RowFactory.create(0.0, Double.NaN),
        RowFactory.create(1.0, 0.6), RowFactory.create(Double.NaN, 0.1));
    return Frames.of(Frames.schema("y", DataTypes.DoubleType, "p", DataTypes.DoubleType), rows, 2);
  }

  @Test
  void failsByDefaultCountingRowsByReasonWithColumnAndExample() {
    BadDataException e = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(withBadRows(), Specs.binary("y", "p", null, null)));
    String m = e.getMessage();
    assertTrue(m.startsWith("5 of 8 rows cannot be evaluated as binary predictions"), m);
    assertTrue(m.contains("2 rows: label (column 'y') is null or NaN"), m);
    assertTrue(m.contains("1 rows: label (column 'y') is not 0 or 1; for example label=2.0, score=0.5"), m);
    assertTrue(m.contains("1 rows: score (column 'p') is not a probability in [0, 1]"), m);
    assertTrue(m.contains("1 rows: score (column 'p') is null or NaN"), m);
    assertTrue(m.contains("--on-invalid skip"), m);
    assertEquals(3, e.exitCode());
  }

  @Test
  void skipEvaluatesTheRestAndCountsTheSkipped() {
    EvaluationResult r = EvaluationJob.run(withBadRows(), Specs.skipping(Specs.binary("y", "p", null, null)));
    assertEquals(8, r.overall().rowCounts().rows());
    assertEquals(3, r.overall().rowCounts().evaluatedRows());
    assertEquals(5, r.overall().rowCounts().invalidRows());
    assertEquals(2, r.overall().metrics().get("tp")); // 0.9 and 0.6
    assertEquals(1, r.overall().metrics().get("tn"));
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsThatExist() {
    BadDataException e = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(withBadRows(), Specs.binary("y", "scor", null, null)));
    assertEquals("the score column 'scor' does not exist; the input has columns: y, p", e.getMessage());
  }

  @Test
  void aColumnWhoseNameDiffersInSpacesOrCaseIsPointedAtWithItsSpacesShown() {
    // a CSV header written "y, score" names its second column " score"
    Dataset<Row> df = Frames.of(Frames.schema("Y", DataTypes.DoubleType, " score", DataTypes.DoubleType),
        List.of(RowFactory.create(1.0, 0.3)), 1);
    BadDataException spaced = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(df, Specs.binary("Y", "score", null, null)));
    assertEquals("the score column 'score' does not exist (did you mean ' score'?); the input has columns: Y, ' score'",
        spaced.getMessage());
    BadDataException cased = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(df, Specs.binary("y", " score", null, null)));
    assertEquals("the label column 'y' does not exist (did you mean 'Y'?); the input has columns: Y, ' score'",
        cased.getMessage());
  }

  @Test
  void aFileOfSemicolonsOrTabsReadAsOneColumnIsPointedAt() {
    // a CSV of semicolons, read with commas, is one column named by its whole header line
    Dataset<Row> semicolons = Frames.of(Frames.schema("label;score", DataTypes.StringType),
        List.of(RowFactory.create("1;0.9")), 1);
    BadDataException e = assertThrows(BadDataException.class,
        () -> EvaluationJob.run(semicolons, Specs.binary("label", "score", null, null)));
    assertEquals("the label column 'label' does not exist; the input has columns: label;score (one column, whose name"
        + " holds ';': are the file's values separated by ';'? give --separator ';')",
        e.getMessage());
    Dataset<Row> tabs = Frames.of(Frames.schema("label\tscore", DataTypes.StringType),
        List.of(RowFactory.create("1\t0.9")), 1);
    e = assertThrows(BadDataException.class, () -> EvaluationJob.run(tabs, Specs.binary("label", "score", null, null)));
    assertTrue(e.getMessage().endsWith("(one column, whose name holds tabs: are the file's values separated by tabs?"
        + " give --separator '\\t')"), e.getMessage());
  }

  @Test
  void aWrongTypeSaysWhatWasExpected() {
    Dataset<Row> df = Frames.of(Frames.schema("y", DataTypes.DoubleType, "p", DataTypes.StringType),
        List.of(RowFactory.create(1.0, "0.3")), 1);
    BadDataException e = assertThrows(BadDataException.class, () -> EvaluationJob.run(df, Specs.binary("y", "p", null, null)));
    assertTrue(e.getMessage().startsWith("the score column 'p' has type string; expected a numeric column"), e.getMessage());
    BadDataException w = assertThrows(BadDataException.class, () -> EvaluationJob.run(df, Specs.binary("y", "y", "p", null)));
    assertEquals("the weight column 'p' has type string; expected a numeric column (its values are numbers written as"
        + " text; write them as numbers, or cast them)", w.getMessage());
  }

  @TempDir
  Path dir;

  @Test
  void aScoreArrayOfOtherThanTwoClassProbabilitiesIsNotABinaryScore() {
    // a 3-class model's probabilities given to a binary evaluation: element 1 is no positive-class probability
    List<Row> rows = Arrays.asList(RowFactory.create(1.0, new double[] {0.2, 0.5, 0.3}),
        RowFactory.create(0.0, new double[] {0.6, 0.4}), RowFactory.create(1.0, new double[] {0.1, 0.9}),
        RowFactory.create(0.0, new double[] {0.7}), RowFactory.create(0.0, new double[] {0.1, 0.6, 0.3}));
    Dataset<Row> inMemory = Frames.of(Frames.schema("y", DataTypes.DoubleType,
        "p", DataTypes.createArrayType(DataTypes.DoubleType)), rows, 2);
    String files = dir.resolve("arrays").toString();
    inMemory.write().parquet(files); // read back as a plain columnar scan
    for (Dataset<Row> df : List.of(inMemory, TestSpark.session().read().parquet(files))) {
      BadDataException e = assertThrows(BadDataException.class,
          () -> EvaluationJob.run(df, Specs.binary("y", "p", null, null)));
      String m = e.getMessage();
      assertTrue(m.startsWith("3 of 5 rows cannot be evaluated as binary predictions"), m);
      assertTrue(m.contains("3 rows: score (column 'p') is null or NaN"), m);
      assertTrue(m.contains("(a score array or vector must hold 2 class probabilities, of which element 1 is the"
          + " positive class's; a row of another length counts as a null score: a multiclass model is evaluated with"
          + " --task multiclass)"), m);
      EvaluationResult r = EvaluationJob.run(df, Specs.skipping(Specs.binary("y", "p", null, null)));
      assertEquals(2, r.overall().rowCounts().evaluatedRows());
      assertEquals(1, r.overall().metrics().get("tp")); // 0.9 of the positive
      assertEquals(1, r.overall().metrics().get("tn")); // 0.4 of the negative
    }
  }

  @Test
  void classNamesAsStringsArePointedAtAnIndexer() {
    Dataset<Row> df = Frames.of(Frames.schema("y", DataTypes.StringType, "yhat", DataTypes.StringType,
        "k", DataTypes.IntegerType), List.of(RowFactory.create("cat", "dog", 1)), 1);
    String hint = "; expected a numeric column of class indices 0, 1, 2, ... (index class names first, for example"
        + " with MLlib's StringIndexer)";
    BadDataException label = assertThrows(BadDataException.class, () -> EvaluationJob.run(df,
        EvaluationSpec.of(Task.MULTICLASS).label("y").prediction("k").build()));
    assertEquals("the label column 'y' has type string" + hint, label.getMessage());
    BadDataException prediction = assertThrows(BadDataException.class, () -> EvaluationJob.run(df,
        EvaluationSpec.of(Task.MULTICLASS).label("k").prediction("yhat").build()));
    assertEquals("the prediction column 'yhat' has type string" + hint, prediction.getMessage());
  }

  @Test
  void aMissingOptionIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> Specs.binary("y", null, null, null));
    assertTrue(e.getMessage().contains("--score"), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void aDriverOutOfMemoryIsAnErrorThatSaysWhatToChange() {
    // As Spark reports a driver that could not hold the task results: the error inside its exception.
    Exception failure = new RuntimeException("Job aborted", new RuntimeException(
        "Exception while getting task result: java.lang.OutOfMemoryError: Java heap space"));
    String message = EvaluationJob.outOfMemory(failure, Specs.binary("label", "score", null, List.of("segment")))
        .orElseThrow().getMessage();
    assertTrue(message.startsWith("the driver ran out of memory holding the states of its slices (--bins 10000"), message);
    assertTrue(message.contains("slice by fewer values, give a smaller --bins, or give the driver more memory")
        && message.contains("--driver-memory 8g"), message);
    // without slices the error does not speak of them; without histograms, not of --bins
    String unsliced = EvaluationJob.outOfMemory(failure, Specs.binary("label", "score", null, List.of()))
        .orElseThrow().getMessage();
    assertTrue(unsliced.startsWith("the driver ran out of memory holding the evaluation's state (--bins 10000"), unsliced);
    assertTrue(unsliced.contains("; give a smaller --bins, or give the driver more memory") && !unsliced.contains("slice"),
        unsliced);
    String regression = EvaluationJob.outOfMemory(failure, Specs.regression("label", "prediction", null, List.of()))
        .orElseThrow().getMessage();
    assertTrue(regression.startsWith("the driver ran out of memory holding the evaluation's state; give the driver more"
        + " memory (./submit.sh --driver-memory 8g"), regression);
    assertTrue(EvaluationJob.outOfMemory(new RuntimeException("disk full"), Specs.binary("label", "score", null,
        List.of())).isEmpty());
  }
}
