package io.evalspark.train;

import io.evalspark.core.Task;
import io.evalspark.loss.Expression;
import io.evalspark.loss.HingeLoss;
import io.evalspark.loss.Logistic;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.BinaryState;
import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.IntervalState;
import io.evalspark.metrics.MulticlassSettings;
import io.evalspark.metrics.MulticlassState;
import io.evalspark.metrics.RegressionSettings;
import io.evalspark.metrics.RegressionState;
import io.evalspark.sql.IntervalGroups;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;

/**
 * Measures a set of rows under given weights: the loss, and the watched metrics through the same
 * evaluation states (and so the same formulas) that {@code evaluate} uses.
 */
final class Monitor implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What a value's standard error is logged under: its name and this ({@code val_auc_stderr}). */
  static final String STDERR = "_stderr";
  private final Network net;
  private final Objective objective;
  private final MetricList metrics;
  private final int classes;
  private final double huberDelta;
  private final double beta;
  private final Expression[] expressions;
  /** The level of the logged standard errors, or null for none. */
  private final Double confidence;

  Monitor(Network net, Objective objective, MetricList metrics, int classes, double huberDelta, double beta,
      Double confidence) {
    this.confidence = confidence;
    this.net = net;
    this.objective = objective;
    this.metrics = metrics;
    this.classes = classes;
    this.huberDelta = huberDelta;
    this.beta = beta;
    this.expressions = metrics.expressions().values().toArray(new Expression[0]);
  }

  /** The loss (without the L2 penalty) and metrics of {@code block} under {@code params}. */
  Measurement measure(FeatureBlock block, double[] params) {
    EvaluationState<?> state = metrics.needsState() ? emptyState() : null;
    IntervalState groups = state != null && confidence != null ? new IntervalState(state.settings()) : null;
    Measurement m = new Measurement(expressions.length, confidence != null);
    Network.Workspace ws = net.workspace();
    double[] x = block.features();
    int partition = TaskContext.getPartitionId();
    for (int i = 0; i < block.rows(); i++) {
      double y = block.label(i);
      double w = block.weight(i);
      net.forward(params, x, block.offset(i), ws);
      double loss = objective.outputLoss().value(y, ws.outputLogits(), ws.output());
      m.loss.update(loss, w);
      double p = prediction(ws);
      for (int k = 0; k < expressions.length; k++) {
        m.custom[k].update(expressions[k].value(y, p, w), w);
      }
      long group = confidence == null ? 0 : IntervalGroups.ofRow(partition, i);
      if (m.lossGroups != null) {
        m.lossGroups[IntervalState.groupIndex(group)].update(loss, w);
      }
      if (groups != null) {
        update(groups.whole(), groups, group, y, ws, w);
      } else if (state != null) {
        update(state, null, 0L, y, ws, w);
      }
    }
    if (groups != null) {
      state = groups;
    }
    m.keep(state);
    return m;
  }

  /** The p of custom metrics: the probability for binary models, else the output. */
  private double prediction(Network.Workspace ws) {
    return objective.scoresAreMargins() ? Logistic.sigmoid(ws.output()[0]) : ws.output()[0];
  }

  private EvaluationState<?> emptyState() {
    if (objective.task() == Task.BINARY) {
      BinarySettings d = BinarySettings.defaults();
      return new BinaryState(new BinarySettings(d.threshold(), objective.scoresAreMargins(), d.bins(), beta,
          d.curvePoints()).at(metrics.targets()));
    }
    if (objective.task() == Task.MULTICLASS) {
      return new MulticlassState(new MulticlassSettings(classes, false, true, metrics.topK()));
    }
    return new RegressionState(new RegressionSettings(huberDelta));
  }

  /**
   * Counts a row in {@code state} and, unless {@code groups} is null, in the interval group of
   * group number {@code group}.
   */
  private void update(EvaluationState<?> state, IntervalState groups, long group, double y, Network.Workspace ws,
      double w) {
    if (state instanceof BinaryState) {
      double label = objective.labels() == LabelRule.SIGNED ? (HingeLoss.signed(y) + 1.0) / 2.0 : y;
      ((BinaryState) state).update(label, ws.output()[0], w, groups == null ? null : groups.binaryGroups(), group);
      return;
    }
    if (groups != null) {
      update(groups.group(group), null, 0L, y, ws, w);
    }
    if (state instanceof MulticlassState) {
      double[] probabilities = new double[ws.output().length];
      if (objective.activation() == Activation.SOFTMAX) {
        System.arraycopy(ws.output(), 0, probabilities, 0, probabilities.length);
      } else {
        Activation.softmax(ws.outputLogits(), probabilities, probabilities.length);
      }
      ((MulticlassState) state).update(y, null, probabilities, w);
    } else {
      ((RegressionState) state).update(y, ws.output()[0], w);
    }
  }

  /**
   * The epoch's logs for one set: {@code loss} (with the L2 penalty, as Keras reports it) and each
   * watched metric, names prefixed by {@code prefix} ("" or "val_"); with a confidence level, each
   * one's standard error too ({@code val_auc_stderr}), custom expressions' aside.
   */
  Map<String, Double> logs(Measurement m, double penalty, String prefix) {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put(prefix + "loss", m.loss.mean() + penalty);
    Map<String, Double> values = m.stateMetrics();
    metrics.stateMetrics().forEach((name, metric) -> logs.put(prefix + name, values.get(metric)));
    List<String> custom = new ArrayList<>(metrics.expressions().keySet());
    for (int k = 0; k < custom.size(); k++) {
      logs.put(prefix + custom.get(k), m.custom[k].mean());
    }
    if (confidence != null) {
      Map<String, Double> stderrs = m.stderrs(confidence);
      logs.put(prefix + "loss" + STDERR, stderrs.get("loss"));
      metrics.stateMetrics().forEach((name, metric) -> logs.put(prefix + name + STDERR, stderrs.get(metric)));
    }
    return logs;
  }
}
