package io.evalspark.train;

import io.evalspark.core.Task;
import io.evalspark.core.UsageException;
import io.evalspark.loss.Expression;
import io.evalspark.metrics.BinaryCatalogue;
import io.evalspark.metrics.Catalogue;
import io.evalspark.metrics.Catalogues;
import io.evalspark.metrics.Metric;
import io.evalspark.metrics.MulticlassCatalogue;
import io.evalspark.metrics.OperatingPoints;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics watched during training, as the user named them: any metric of the task's catalogue
 * ({@code roc_auc} or Keras's {@code auc} or {@code AUC}, {@code accuracy}, {@code f1}, {@code rmse},
 * {@code top_3_accuracy}...) and custom means of an expression over y and p, optionally named
 * ({@code scaled_mae=abs(y - p) * 1000}).
 */
public final class MetricList implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> stateMetrics = new LinkedHashMap<>();
  private final Map<String, Boolean> largerIsBetter = new LinkedHashMap<>();
  private final Map<String, Expression> expressions = new LinkedHashMap<>();
  private int topK;
  private OperatingPoints.Targets targets = OperatingPoints.Targets.NONE;

  /**
   * Reads a comma list (commas inside parentheses belong to the expression) for {@code task};
   * {@code beta} is the F-beta's beta, NaN where none was given.
   */
  public static MetricList parse(String list, Task task, double beta) {
    MetricList m = new MetricList();
    Catalogue<?, ?> catalogue = Catalogues.of(task);
    List<String> watched = new ArrayList<>();
    Map<String, String> givenAs = new HashMap<>(); // by the value a catalogue name reports
    for (String item : splitTopLevel(list == null ? "" : list)) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      Optional<? extends Metric<?, ?>> metric = catalogue.find(name);
      if (metric.isPresent()) {
        String before = givenAs.putIfAbsent(metric.get().reportedName(name), name);
        if (before != null && !shown(before).equals(shown(name))) {
          throw new UsageException("--metrics names " + metric.get().reportedName(name) + " twice, as '" + before
              + "' and '" + name + "'; name each metric once");
        }
        watched.add(shown(name));
        m.watch(shown(name), name, metric.get(), beta);
        continue;
      }
      int eq = name.indexOf('=');
      boolean named = eq > 0 && name.substring(0, eq).trim().matches("[A-Za-z_][A-Za-z0-9_]*") && name.charAt(eq + 1) != '=';
      String label = named ? name.substring(0, eq).trim() : name;
      String text = named ? name.substring(eq + 1).trim() : name;
      if (task == Task.MULTICLASS) {
        throw new UsageException("unknown metric '" + name + "' for a multiclass model; known: " + catalogue.described());
      }
      watched.add(label);
      try {
        m.expressions.put(label, Expression.parse(text));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--metrics: '" + name + "' is neither a " + task.displayName() + " metric ("
            + catalogue.described() + ") nor an expression over y and p: " + e.getMessage());
      }
    }
    UsageException.requireEachOnce("--metrics", watched, "metric"); // one history column a name
    return m;
  }

  /**
   * The name a watched metric is shown and monitored under: Keras's class names ({@code AUC},
   * {@code RootMeanSquaredError}) in snake case, as Keras names their values ({@code auc},
   * {@code root_mean_squared_error}); any other name as given.
   */
  static String shown(String given) {
    if (given.isEmpty() || !Character.isUpperCase(given.charAt(0))) {
      return given;
    }
    return given.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private void watch(String shown, String name, Metric<?, ?> metric, double beta) {
    if (metric == BinaryCatalogue.FBETA && Double.isNaN(beta)) {
      throw new UsageException("--metrics: fbeta needs --beta B");
    }
    int k = metric.kIn(name);
    if (metric == MulticlassCatalogue.TOP_K_ACCURACY) {
      if (k == 0) {
        throw new UsageException("--metrics: name K in top_K_accuracy, for example top_3_accuracy");
      }
      if (topK != 0 && topK != k) {
        throw new UsageException("--metrics: watch one top-K accuracy, not top_" + topK + " and top_" + k);
      }
      topK = k;
    }
    double target = metric.targetIn(name);
    if (!Double.isNaN(target)) {
      targets = merged(targets, BinaryCatalogue.targets(name), name);
    }
    stateMetrics.put(shown, metric.reportedName(name));
    largerIsBetter.put(shown, metric.largerIsBetter());
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

  /** K of the watched top-K accuracy, 0 for none. */
  /** The operating point targets the watched metrics name ({@code precision_at_recall_0.9}: recall 0.9). */
  OperatingPoints.Targets targets() {
    return targets;
  }

  private static OperatingPoints.Targets merged(OperatingPoints.Targets a, OperatingPoints.Targets b, String name) {
    double[] t = new double[4];
    for (int kind = 0; kind < 4; kind++) {
      double x = a.of(kind);
      double y = b.of(kind);
      if (!Double.isNaN(x) && !Double.isNaN(y) && x != y) {
        throw new UsageException("--metrics: " + name + " asks for another " + OperatingPoints.Targets.KINDS.get(kind)
            + " target than " + x + "; watch one target a kind");
      }
      t[kind] = Double.isNaN(x) ? y : x;
    }
    return new OperatingPoints.Targets(t[0], t[1], t[2], t[3]);
  }

  int topK() {
    return topK;
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
    Boolean larger = largerIsBetter.get(name);
    return larger != null && larger;
  }
}
