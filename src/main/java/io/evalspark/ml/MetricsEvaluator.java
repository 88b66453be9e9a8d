package io.evalspark.ml;

import io.evalspark.core.Choice;
import io.evalspark.core.OnInvalid;
import io.evalspark.core.Task;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MetricDirection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An MLlib {@link Evaluator} over every evaluate metric, so that {@code CrossValidator} and {@code
 * TrainValidationSplit} can select models by any of them. {@link #evaluateAll} gives all metrics
 * of one model from one pass (MLlib's own evaluators make a pass per metric).
 *
 * <p>Columns follow MLlib's names: {@code label}; binary tasks read the positive-class probability
 * from {@code probability} (a vector, element 1, or a number); multiclass and regression read {@code
 * prediction}, and multiclass also the class probabilities from {@code probability} when that
 * column exists. Rows that cannot be evaluated fail the evaluation, as in the evaluate job.
 */
public final class MetricsEvaluator extends Evaluator {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Param<String> task;
  private final Param<String> metricName;
  private final Param<String> labelCol;
  private final Param<String> probabilityCol;
  private final Param<String> predictionCol;
  private final Param<String> weightCol;
  private final DoubleParam threshold;

  /** An evaluator of the binary {@code roc_auc}. */
  public MetricsEvaluator() {
    this(Identifiable$.MODULE$.randomUID("evalsparkEval"));
  }

  /** For MLlib's copying. */
  public MetricsEvaluator(String uid) {
    this.uid = uid;
    task = new Param<>(this, "task", "binary, multiclass or regression");
    metricName = new Param<>(this, "metricName", "the metric, by its name in metrics.json");
    labelCol = new Param<>(this, "labelCol", "the label column");
    probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities (binary: the positive class's)");
    predictionCol = new Param<>(this, "predictionCol", "the predicted class or value");
    weightCol = new Param<>(this, "weightCol", "the row weight column; empty for none");
    threshold = new DoubleParam(this, "threshold", "binary decision threshold on the probability");
    setDefault(task, "binary");
    setDefault(metricName, "roc_auc");
    setDefault(labelCol, "label");
    setDefault(probabilityCol, "probability");
    setDefault(predictionCol, "prediction");
    setDefault(weightCol, "");
    setDefault(threshold, (Object) 0.5);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Param: binary, multiclass or regression. */
  public Param<String> task() {
    return task;
  }

  /** Param: the metric to select by. */
  public Param<String> metricName() {
    return metricName;
  }

  /** Param: the label column. */
  public Param<String> labelCol() {
    return labelCol;
  }

  /** Param: the probability column. */
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  /** Param: the prediction column. */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** Param: the weight column. */
  public Param<String> weightCol() {
    return weightCol;
  }

  /** Param: the binary threshold. */
  public DoubleParam threshold() {
    return threshold;
  }

  /** Sets the task. */
  public MetricsEvaluator setTask(String value) {
    set(task, value);
    return this;
  }

  /** Sets the metric. */
  public MetricsEvaluator setMetricName(String value) {
    set(metricName, value);
    return this;
  }

  /** Sets the label column. */
  public MetricsEvaluator setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets the probability column. */
  public MetricsEvaluator setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the prediction column. */
  public MetricsEvaluator setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** Sets the weight column. */
  public MetricsEvaluator setWeightCol(String value) {
    set(weightCol, value);
    return this;
  }

  /** Sets the binary threshold. */
  public MetricsEvaluator setThreshold(double value) {
    set(threshold, (Object) value);
    return this;
  }

  @Override
  public double evaluate(Dataset<?> dataset) {
    String metric = $(metricName);
    Map<String, Double> all = evaluateAll(dataset);
    Double value = all.get(metric);
    if (value == null) {
      throw new IllegalArgumentException("metricName '" + metric + "' is not a " + $(task) + " metric; the "
          + $(task) + " metrics are: " + String.join(", ", all.keySet()));
    }
    return value;
  }

  /** Every metric of the task, from one pass over the dataset. */
  public Map<String, Double> evaluateAll(Dataset<?> dataset) {
    @SuppressWarnings("unchecked")
    Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
    return EvaluationJob.run(rows, spec(Arrays.asList(rows.columns()))).overall().metrics();
  }

  private EvaluationSpec spec(List<String> columns) {
    Task t = Choice.of(Task.class, "task", $(task));
    String weight = $(weightCol).isEmpty() ? null : $(weightCol);
    BinarySettings d = BinarySettings.defaults();
    BinarySettings binary = new BinarySettings((Double) $(threshold), false, d.bins(), d.beta(), d.curvePoints());
    String score = t == Task.BINARY ? $(probabilityCol) : null;
    String prediction = t == Task.BINARY ? null : $(predictionCol);
    List<String> probabilities = t == Task.MULTICLASS && columns.contains($(probabilityCol))
        ? List.of($(probabilityCol)) : List.of();
    return new EvaluationSpec(t, $(labelCol), score, prediction, probabilities, weight, List.of(), OnInvalid.FAIL,
        binary, 0, 0, 1.0);
  }

  @Override
  public boolean isLargerBetter() {
    return MetricDirection.largerIsBetter($(metricName));
  }

  @Override
  public MetricsEvaluator copy(ParamMap extra) {
    return (MetricsEvaluator) defaultCopy(extra);
  }
}
