package io.evalspark.metrics;

import io.evalspark.loss.Expression;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's own metrics of an evaluation ({@code --metric 'err=abs(y - p) * 1000'}): each the
 * weighted mean over the evaluated rows of a formula over the label {@code y}, the prediction
 * {@code p} (the probability, in a binary evaluation) and the weight {@code w}, in the language
 * training's custom losses and metrics use; and the metrics of classes implementing {@link
 * CustomMetricState} ({@code --metric-class}). Reported under their names after the catalogue's
 * metrics; smaller is better.
 *
 * @param names each formula metric's name
 * @param formulas each formula metric's formula as written
 * @param classes the names of the metric state classes
 */
public record CustomMetrics(List<String> names, List<String> formulas, List<String> classes) implements Serializable {
  /** No custom metrics. */
  public static final CustomMetrics NONE = new CustomMetrics(List.of(), List.of());

  /** Formula metrics only. */
  public CustomMetrics(List<String> names, List<String> formulas) {
    this(names, formulas, List.of());
  }

  /** Checks the names, formulas and classes. */
  public CustomMetrics {
    names = List.copyOf(names);
    formulas = List.copyOf(formulas);
    classes = List.copyOf(classes);
    if (names.size() != formulas.size()) {
      throw new IllegalArgumentException("custom metrics need one formula a name");
    }
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("custom metric name '" + names.get(i) + "' must be letters, digits and _,"
            + " not starting with a digit");
      }
      parse(names.get(i), formulas.get(i));
    }
    List<String> reported = new ArrayList<>(names);
    reported.addAll(CustomStates.names(classes));
    for (int i = 0; i < reported.size(); i++) {
      if (reported.subList(0, i).contains(reported.get(i))) {
        throw new IllegalArgumentException("custom metric '" + reported.get(i) + "' is named twice");
      }
    }
  }

  /** The same formulas with these metric state classes. */
  public CustomMetrics withClasses(List<String> classNames) {
    return new CustomMetrics(names, formulas, classNames == null ? List.of() : classNames);
  }

  /** Every name reported: the formulas', then each class's metrics. */
  public List<String> reported() {
    List<String> reported = new ArrayList<>(names);
    reported.addAll(CustomStates.names(classes));
    return reported;
  }

  /**
   * Reads definitions written {@code name=formula}, for example {@code err=abs(y - p) * 1000}.
   *
   * @throws IllegalArgumentException naming the definition and what is wrong with it
   */
  public static CustomMetrics parse(List<String> definitions) {
    List<String> names = new ArrayList<>();
    List<String> formulas = new ArrayList<>();
    for (String d : definitions == null ? List.<String>of() : definitions) {
      int eq = d.indexOf('=');
      if (eq <= 0 || eq + 1 < d.length() && d.charAt(eq + 1) == '=') {
        throw new IllegalArgumentException("custom metric '" + d + "' must be written name=formula, for example"
            + " err=abs(y - p) * 1000");
      }
      names.add(d.substring(0, eq).trim());
      formulas.add(d.substring(eq + 1).trim());
    }
    return new CustomMetrics(names, formulas);
  }

  private static Expression parse(String name, String formula) {
    try {
      return Expression.parse(formula);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("custom metric " + name + "'s formula '" + formula + "' is not a formula over"
          + " y, p and w: " + e.getMessage(), e);
    }
  }

  /** How many formulas there are. */
  public int size() {
    return names.size();
  }

  /** Whether there are no custom metrics at all. */
  public boolean isEmpty() {
    return names.isEmpty() && classes.isEmpty();
  }

  /** Their formulas, read. */
  public Expression[] expressions() {
    Expression[] e = new Expression[size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = parse(names.get(i), formulas.get(i));
    }
    return e;
  }

  /** Refuses a name that is also one of the task's catalogue metrics. */
  void requireNoneOf(Catalogue<?, ?> catalogue) {
    for (String name : reported()) {
      if (catalogue.find(name).isPresent()) {
        throw new IllegalArgumentException("custom metric '" + name + "' has the name of a " + catalogue.task()
            .displayName() + " metric; give it another");
      }
    }
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size());
    for (int i = 0; i < size(); i++) {
      out.writeUTF(names.get(i));
      out.writeUTF(formulas.get(i));
    }
    out.writeInt(classes.size());
    for (String c : classes) {
      out.writeUTF(c);
    }
  }

  static CustomMetrics readFrom(DataInput in) throws IOException {
    int n = in.readInt();
    List<String> names = new ArrayList<>();
    List<String> formulas = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(in.readUTF());
      formulas.add(in.readUTF());
    }
    List<String> classes = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      classes.add(in.readUTF());
    }
    return new CustomMetrics(names, formulas, classes);
  }
}
