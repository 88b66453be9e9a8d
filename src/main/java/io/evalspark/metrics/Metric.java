package io.evalspark.metrics;

import io.evalspark.core.UsageException;
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
  /** For a metric at each of several cut-offs K (its name ends in {@code _K}): the Ks and the formula at one; else null. */
  private final Function<S, List<Integer>> eachK;
  private final java.util.function.ToDoubleBiFunction<V, Integer> atK;

  private Metric(String name, boolean largerIsBetter, Family family, ToDoubleFunction<V> formula,
      Predicate<S> reportedWith, Function<S, String> nameWith, List<String> aliases, boolean sqlFunction) {
    this(name, largerIsBetter, family, formula, reportedWith, nameWith, aliases, sqlFunction, null, null);
  }

  private Metric(String name, boolean largerIsBetter, Family family, ToDoubleFunction<V> formula,
      Predicate<S> reportedWith, Function<S, String> nameWith, List<String> aliases, boolean sqlFunction,
      Function<S, List<Integer>> eachK, java.util.function.ToDoubleBiFunction<V, Integer> atK) {
    this.eachK = eachK;
    this.atK = atK;
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

  /**
   * A metric whose larger values are better, reported once for each cut-off K of the settings
   * ({@code name} ends in {@code _K}: {@code precision_at_K} is reported as {@code precision_at_5}
   * and {@code precision_at_10} for Ks 5 and 10).
   */
  public static <S, V> Metric<S, V> largerAtEachK(String name, Family family,
      java.util.function.ToDoubleBiFunction<V, Integer> formula, Function<S, List<Integer>> ks) {
    if (!name.endsWith("_K")) {
      throw new IllegalArgumentException("a metric at each K is named ..._K, not " + name);
    }
    return new Metric<>(name, true, family, v -> Double.NaN, s -> true, s -> name, List.of(), false, ks, formula);
  }

  /** Its names in an evaluation with these settings: one, or one for each K. */
  public List<String> namesWith(S settings) {
    if (eachK == null) {
      return List.of(nameWith(settings));
    }
    String stem = name.substring(0, name.length() - 1);
    return eachK.apply(settings).stream().map(k -> stem + k).toList();
  }

  /** Its values over a view of a merged state, by the names {@link #namesWith} gives. */
  public java.util.Map<String, Double> valuesWith(S settings, V view) {
    if (eachK == null) {
      return java.util.Map.of(nameWith(settings), valueOf(view));
    }
    java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
    String stem = name.substring(0, name.length() - 1);
    for (int k : eachK.apply(settings)) {
      values.put(stem + k, atK.applyAsDouble(view, k));
    }
    return values;
  }

  /** The same metric, reported only by evaluations whose settings pass {@code test}. */
  public Metric<S, V> reportedWhen(Predicate<S> test) {
    return new Metric<>(name, largerIsBetter, family, formula, test, nameWith, aliases, sqlFunction, eachK, atK);
  }

  /** The same metric, whose reported name is made from the settings (its {@code name} has a K part). */
  public Metric<S, V> namedBy(Function<S, String> names) {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, names, aliases, sqlFunction, eachK, atK);
  }

  /** The same metric, also found by these names (training's Keras names: {@code auc}, {@code acc}). */
  public Metric<S, V> alsoKnownAs(String... names) {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, nameWith, List.of(names), sqlFunction,
        eachK, atK);
  }

  /** The same metric, also a SQL aggregate function of its own name. */
  public Metric<S, V> withSqlFunction() {
    return new Metric<>(name, largerIsBetter, family, formula, reportedWith, nameWith, aliases, true, eachK, atK);
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
    if (name.endsWith("_K") && !text.equals(name) && isNamed(text)) {
      return k(text, text.substring(name.length() - 1));
    }
    if (!name.contains("_K_") || text.equals(name) || !isNamed(text)) {
      return 0;
    }
    String prefix = name.substring(0, name.indexOf("_K_") + 1);
    String rest = text.substring(prefix.length());
    return k(text, rest.substring(0, rest.indexOf('_')));
  }

  /** The K written {@code digits} in the name {@code text}; refused where it is too large for a cut-off. */
  private static int k(String text, String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) { // the name's pattern lets only digits through: too many of them
      throw new UsageException("metric " + text + ": K " + digits + " is too large; K is a whole number from 1 to "
          + Integer.MAX_VALUE);
    }
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

  /**
   * The name its value is reported under when asked for as {@code given}, one of its names: a name
   * made from a K as given ({@code top_3_accuracy}), from a target with the target as {@code --at}
   * names it ({@code precision_at_recall_0.90} as {@code precision_at_recall_0.9}), any other as the
   * metric's own name (an alias such as {@code auc} is reported as {@code roc_auc}).
   */
  public String reportedName(String given) {
    double target = targetIn(given);
    if (!Double.isNaN(target)) {
      return name.substring(0, name.length() - 1) + OperatingPoints.named(target);
    }
    return kIn(given) > 0 ? given : name;
  }

  /** Whether {@code text} names this metric: its name (any K for a K part, any target for an R part) or an alias. */
  public boolean isNamed(String text) {
    if (text.equals(name) || aliases.contains(text) || !Double.isNaN(targetIn(text))) {
      return true;
    }
    if (name.endsWith("_K")) {
      return Pattern.matches(Pattern.quote(name.substring(0, name.length() - 1)) + "[1-9][0-9]*", text);
    }
    return name.contains("_K_") && Pattern.matches(Pattern.quote(name).replace("_K_", "_\\E[1-9][0-9]*\\Q_"), text);
  }
}
