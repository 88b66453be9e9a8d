package io.evalspark.train;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.loss.Expression;
import io.evalspark.metrics.MetricDirection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics watched during training, as the user named them: metrics of the evaluation states
 * ({@code auc}, {@code accuracy}, {@code f1}, {@code rmse}...) and custom means of an expression over
 * y and p, optionally named ({@code scaled_mae=abs(y - p) * 1000}).
 */
public final class MetricList implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> ALIASES = Map.of(
      "auc", "roc_auc", "acc", "accuracy", "binary_accuracy", "accuracy", "categorical_accuracy", "accuracy");
  private static final Set<String> BINARY = Set.of("tp", "fp", "tn", "fn", "accuracy", "precision", "recall",
      "specificity", "f1", "balanced_accuracy", "mcc", "roc_auc", "pr_auc", "average_precision", "log_loss",
      "brier", "ece");
  private static final Set<String> MULTICLASS = Set.of("accuracy", "macro_precision", "macro_recall", "macro_f1",
      "micro_f1", "weighted_precision", "weighted_recall", "weighted_f1", "cohen_kappa", "mcc", "log_loss");
  private static final Set<String> REGRESSION = Set.of("mse", "rmse", "mae", "r2", "explained_variance", "mape",
      "max_error", "huber", "log_cosh");

  private final Map<String, String> stateMetrics = new LinkedHashMap<>();
  private final Map<String, Expression> expressions = new LinkedHashMap<>();

  /** Reads a comma list (commas inside parentheses belong to the expression) for {@code task}. */
  public static MetricList parse(String list, Task task) {
    MetricList m = new MetricList();
    for (String item : splitTopLevel(list == null ? "" : list)) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      String metric = ALIASES.getOrDefault(name, name);
      if (metricsOf(task).contains(metric)) {
        m.stateMetrics.put(name, metric);
        continue;
      }
      int eq = name.indexOf('=');
      boolean named = eq > 0 && name.substring(0, eq).trim().matches("[A-Za-z_][A-Za-z0-9_]*") && name.charAt(eq + 1) != '=';
      String label = named ? name.substring(0, eq).trim() : name;
      String text = named ? name.substring(eq + 1).trim() : name;
      if (task == Task.MULTICLASS) {
        throw new UsageException("unknown metric '" + name + "' for a multiclass model; known: " + String.join(", ",
            new java.util.TreeSet<>(MULTICLASS)));
      }
      try {
        m.expressions.put(label, Expression.parse(text));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metrics: '" + name + "' is neither a " + task.displayName() + " metric ("
            + String.join(", ", new java.util.TreeSet<>(metricsOf(task))) + ", auc, acc) nor an expression over y and p: "
            + e.getMessage());
      }
    }
    return m;
  }

  private static Set<String> metricsOf(Task task) {
    return task == Task.BINARY ? BINARY : task == Task.MULTICLASS ? MULTICLASS : REGRESSION;
  }

  private static List<String> splitTopLevel(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items;
  }

  /** Whether any metric needs the task's evaluation state. */
  boolean needsState() {
    return !stateMetrics.isEmpty();
  }

  /** Watched name to the state's metric name. */
  Map<String, String> stateMetrics() {
    return stateMetrics;
  }

  /** Watched name to its expression. */
  Map<String, Expression> expressions() {
    return expressions;
  }

  /** Every watched name, in the order given. */
  public List<String> names() {
    List<String> names = new ArrayList<>(stateMetrics.keySet());
    names.addAll(expressions.keySet());
    return names;
  }

  /**
   * Whether larger is better for a watched name ({@code loss}, a metric, with or without
   * {@code val_}); custom expressions are taken as errors, smaller better.
   */
  public boolean largerIsBetter(String watched) {
    String name = watched.startsWith("val_") ? watched.substring(4) : watched;
    if (name.equals("loss") || expressions.containsKey(name)) {
      return false;
    }
    return MetricDirection.largerIsBetter(stateMetrics.getOrDefault(name, name));
  }
}
