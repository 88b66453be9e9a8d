package io.evalspark.metrics;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * One metric of a task: its name in metrics.json, which way is better, its family, which settings
 * report it, and its formula over a read-only view of the task's merged state. A name with a
 * {@code K} part ({@code top_K_accuracy}) stands for names made from a setting ({@code top_5_accuracy}),
 * and one with a final {@code R} part for names made from an operating point's target
 * ({@code precision_at_recall_R}: {@code precision_at_recall_0.9}).
 *
 * @param <S> the task's settings
 * @param <V> the view of the task's state that the formula reads
 */
public final class Metric<S, V> {
  /** What kind of quantity a metric is. */
  public enum Family {
    /** A weighted count of rows: defined (0) even where there are no rows. */
    COUNT,
    /** A ratio of confusion counts at the decision threshold. */
    THRESHOLD,
    /** How well scores order positives above negatives, over every threshold. */
    RANKING,
    /** A mean loss or calibration error of predicted probabilities. */
    PROBABILITY,
    /** A per-class ratio averaged over classes, or agreement beyond chance. */
    CLASS_AVERAGE,
    /** A mean or largest error of predicted values. */
    ERROR,
    /** The share of the label's variance a prediction explains. */
    FIT
  }

  private final String name;
  private final boolean largerIsBetter;
  private final Family family;
  private final ToDoubleFunction<V> formula;
  private final Predicate<S> reportedWith;
  private final Function<S, String> nameWith;
  private final List<String> aliases;
  private final boolean sqlFunction;

  private Metric(String name, boolean largerIsBetter, Family family, ToDoubleFunction<V> formula,
      Predicate<S> reportedWith, Function<S, String> nameWith, List<String> aliases, boolean sqlFunction) {
    this.name = name;
    this.largerIsBetter = largerIsBetter;
    this.family = family;
    this.formula = formula;
    this.reportedWith = reportedWith;
    this.nameWith = nameWith;
    this.aliases = aliases;
    this.sqlFunction = sqlFunction;
  }

  /** A metric whose larger values are better. */
  public static <S, V> Metric<S, V> larger(String name, Family family, ToDoubleFunction<V> formula) {
    return new Metric<>(name, true, family, formula, s -> true, s -> name, List.of(), false);
  }

  /** A metric whose smaller values are better: a loss, an error, a miscount. */
  public static <S, V> Metric<S, V> smaller(String name, Family family, ToDoubleFunction<V> formula) {
    return new Metric<>(name, false, family, formula, s -> true, s -> name, List.of(), false);
  }

  /** The same metric, reported only by evaluations whose settings pass {@code test}. */
  public Metric<S, V> reportedWhen(Predicate<S> test) {
    return new Metric<>(name, largerIsBetter, family, formula, test, nameWith, aliases, sqlFunction);
  }

  /** The same metric, whose reported name is made from the settings (its {@code name} has a K part). */
  public Metric<S, V> namedBy(Function<S, String> names) {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, names, aliases, sqlFunction);
  }

  /** The same metric, also found by these names (training's Keras names: {@code auc}, {@code acc}). */
  public Metric<S, V> alsoKnownAs(String... names) {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, nameWith, List.of(names), sqlFunction);
  }

  /** The same metric, also a SQL aggregate function of its own name. */
  public Metric<S, V> withSqlFunction() {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, nameWith, aliases, true);
  }

  /** The name in metrics.json; with a K part where the name is made from a setting. */
  public String name() {
    return name;
  }

  /** Whether a larger value is better. */
  public boolean largerIsBetter() {
    return largerIsBetter;
  }

  /** The metric's family. */
  public Family family() {
    return family;
  }

  /** Whether it is a SQL function of its own. */
  public boolean sqlFunction() {
    return sqlFunction;
  }

  /** Whether an evaluation with these settings reports it. */
  public boolean reportedWith(S settings) {
    return reportedWith.test(settings);
  }

  /** Its name in an evaluation with these settings. */
  public String nameWith(S settings) {
    return nameWith.apply(settings);
  }

  /** The value over a view of a merged state; NaN where undefined. */
  public double valueOf(V view) {
    return formula.applyAsDouble(view);
  }

  /** K of a name made from a setting ({@code top_3_accuracy}: 3); 0 where {@code text} is no such name. */
  public int kIn(String text) {
    if (!name.contains("_K_") || text.equals(name) || !isNamed(text)) {
      return 0;
    }
    String prefix = name.substring(0, name.indexOf("_K_") + 1);
    String rest = text.substring(prefix.length());
    return Integer.parseInt(rest.substring(0, rest.indexOf('_')));
  }

  /**
   * The target in a name made from an operating point's target ({@code precision_at_recall_0.9}:
   * 0.9, for the name {@code precision_at_recall_R}); NaN where {@code text} is no such name.
   */
  public double targetIn(String text) {
    String stem = name.substring(0, name.length() - 1);
    if (!name.endsWith("_R") || !text.startsWith(stem)) {
      return Double.NaN;
    }
    String rest = text.substring(stem.length());
    if (!rest.matches("[0-9]+(\\.[0-9]+)?")) {
      return Double.NaN;
    }
    return Double.parseDouble(rest);
  }

  /** Whether {@code text} names this metric: its name (any K for a K part, any target for an R part) or an alias. */
  public boolean isNamed(String text) {
    if (text.equals(name) || aliases.contains(text) || !Double.isNaN(targetIn(text))) {
      return true;
    }
    return name.contains("_K_") && Pattern.matches(Pattern.quote(name).replace("_K_", "_\\E[1-9][0-9]*\\Q_"), text);
  }
}
