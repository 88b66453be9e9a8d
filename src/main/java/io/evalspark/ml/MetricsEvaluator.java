package io.evalspark.ml;

import io.evalspark.core.Choice;
import io.evalspark.core.Task;
import io.evalspark.job.EvaluationJob;
import io.evalspark.job.EvaluationSpec;
import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.Catalogues;
import io.evalspark.metrics.CustomMetrics;
import io.evalspark.metrics.Metric;
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
 * column exists. Rows that cannot be evaluated fail the evaluation, as in the evaluate job. Any
 * metric of the task's catalogue can be chosen: {@code fbeta} with a {@code beta}, {@code
 * top_3_accuracy} with probabilities; and, for binary and regression tasks, a metric of one's own
 * written {@code name=formula} over y, p and w ({@code err=abs(y - p) * 1000}, smaller is better), as
 * {@code evaluate --metric} takes it.
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
  private final DoubleParam beta;

  /** An evaluator of the binary {@code roc_auc}. */
  public MetricsEvaluator() {
    this(Identifiable$.MODULE$.randomUID("evalsparkEval"));
  }

  /** For MLlib's copying. */
  public MetricsEvaluator(String uid) {
    this.uid = uid;
    task = new Param<>(this, "task", "binary, multiclass, regression, multilabel or ranking");
    metricName = new Param<>(this, "metricName", "the metric, by its name in metrics.json");
    labelCol = new Param<>(this, "labelCol", "the label column");
    probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities (binary: the positive class's)");
    predictionCol = new Param<>(this, "predictionCol", "the predicted class or value");
    weightCol = new Param<>(this, "weightCol", "the row weight column; empty for none");
    threshold = new DoubleParam(this, "threshold", "binary decision threshold on the probability");
    beta = new DoubleParam(this, "beta", "binary: the beta of fbeta; NaN for none");
    setDefault(task, "binary");
    setDefault(metricName, BinaryCatalogue.ROC_AUC.name());
    setDefault(labelCol, "label");
    setDefault(probabilityCol, "probability");
    setDefault(predictionCol, "prediction");
    setDefault(weightCol, "");
    setDefault(threshold, (Object) 0.5);
    setDefault(beta, (Object) Double.NaN);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Param: binary, multiclass, regression, multilabel or ranking. */
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

  /** Param: the beta of fbeta. */
  public DoubleParam beta() {
    return beta;
  }

  /** Sets the beta of fbeta. */
  public MetricsEvaluator setBeta(double value) {
    set(beta, (Object) value);
    return this;
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

  /**
   * The chosen metric of the dataset, from one pass. The metric name is checked against the task's
   * catalogue before the pass, so that a typo fails at once.
   */
  @Override
  public double evaluate(Dataset<?> dataset) {
    @SuppressWarnings("unchecked")
    Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
    EvaluationSpec spec = spec(Arrays.asList(rows.columns()));
    CustomMetrics custom = custom();
    if (custom != null) {
      return EvaluationJob.run(rows, spec).overall().metrics().get(custom.names().get(0));
    }
    Metric<?, ?> metric = metric();
    String name = metric.reportedName(givenMetricName());
    if (!spec.settings().metricNames().contains(name)) {
      throw new IllegalArgumentException("metricName '" + givenMetricName() + "' (" + metric.name()
          + ") needs settings this evaluator does not have" + (metric == BinaryCatalogue.FBETA ? " (setBeta(B))" : "")
          + "; it reports: " + String.join(", ", spec.settings().metricNames()));
    }
    return EvaluationJob.run(rows, spec).overall().metrics().get(name);
  }

  /** Every metric of the task, from one pass over the dataset. */
  public Map<String, Double> evaluateAll(Dataset<?> dataset) {
    @SuppressWarnings("unchecked")
    Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
    return EvaluationJob.run(rows, spec(Arrays.asList(rows.columns()))).overall().metrics();
  }

  /** The metric's name as set: refused where it is null, as no metric is named so. */
  private String givenMetricName() {
    String name = $(metricName);
    if (name == null) {
      throw new IllegalArgumentException("metricName is null; give a metric's name, such as "
          + BinaryCatalogue.ROC_AUC.name() + ", or name=formula");
    }
    return name;
  }

  private Metric<?, ?> metric() {
    Task t = Choice.of(Task.class, "task", $(task));
    String name = givenMetricName();
    return Catalogues.find(t, name).orElseThrow(() -> new IllegalArgumentException("metricName '" + name
        + "' is not a " + t.displayName() + " metric; the " + t.displayName() + " metrics are: "
        + Catalogues.of(t).described() + "; or write a metric of your own as name=formula over y, p and w"));
  }

  /** The metric of one's own that the metric name defines ({@code err=abs(y - p)}), or null for a catalogue name. */
  private CustomMetrics custom() {
    String name = givenMetricName();
    Task t = Choice.of(Task.class, "task", $(task));
    if (!name.contains("=") || Catalogues.find(t, name).isPresent()) {
      return null;
    }
    if (t != Task.BINARY && t != Task.REGRESSION) { // a row of the others has no single p for the formula
      throw new IllegalArgumentException("metricName '" + name + "' is a metric of your own, which binary and"
          + " regression tasks take; a " + t.displayName() + " task does not (its rows have no single p)");
    }
    return CustomMetrics.parse(List.of(name));
  }

  private EvaluationSpec spec(List<String> columns) {
    Task t = Choice.of(Task.class, "task", $(task));
    BinarySettings d = BinarySettings.defaults();
    EvaluationSpec.Builder spec = EvaluationSpec.of(t).label($(labelCol))
        .weight($(weightCol).isEmpty() ? null : $(weightCol));
    CustomMetrics custom = custom();
    spec.customMetrics(custom == null ? null : List.of(givenMetricName()));
    int k = custom == null ? metric().kIn(givenMetricName()) : 0;
    if (t == Task.BINARY) {
      spec.score($(probabilityCol))
          .binary(new BinarySettings((Double) $(threshold), false, d.bins(), (Double) $(beta), d.curvePoints())
              .at(BinaryCatalogue.targets(givenMetricName())));
    } else if (t == Task.RANKING) {
      spec.prediction($(predictionCol)).ks(k > 0 ? List.of(k) : null);
    } else if (t == Task.MULTILABEL && columns.contains($(probabilityCol))) {
      spec.scores(List.of($(probabilityCol))).threshold((Double) $(threshold));
    } else {
      spec.prediction($(predictionCol)).topK(k > 0 ? k : null);
    }
    if (t == Task.MULTICLASS && columns.contains($(probabilityCol))) {
      spec.probabilities(List.of($(probabilityCol)));
    }
    return spec.build();
  }

  @Override
  public boolean isLargerBetter() {
    return custom() == null && metric().largerIsBetter();
  }

  @Override
  public MetricsEvaluator copy(ParamMap extra) {
    return (MetricsEvaluator) defaultCopy(extra);
  }
}
