package io.evalspark.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.StringType;

/**
 * The parameters of one SQL evaluation function: column arguments (label, score, weight...),
 * constant settings (threshold, points, delta) and constant texts (a formula), the last ones
 * optional. Splits a call's arguments into the columns the aggregate reads and the settings'
 * values, or says what is wrong with them.
 */
final class Parameters {
  private final String function;
  private final List<String> names = new ArrayList<>();
  /** Per parameter: a column (null), a constant number (Double) or a constant text (String). */
  private final List<Class<?>> kinds = new ArrayList<>();
  private int required;

  Parameters(String function) {
    this.function = function;
  }

  /** A required constant text (a formula), before the columns. */
  Parameters text(String name) {
    add(name, String.class);
    required = names.size();
    return this;
  }

  /** A required column argument. */
  Parameters column(String name) {
    add(name, null);
    required = names.size();
    return this;
  }

  /** An optional column argument. */
  Parameters optionalColumn(String name) {
    add(name, null);
    return this;
  }

  /** A required constant number (after the required columns). */
  Parameters constant(String name) {
    add(name, Double.class);
    required = names.size();
    return this;
  }

  /** An optional constant number. */
  Parameters optionalConstant(String name) {
    add(name, Double.class);
    return this;
  }

  private void add(String name, Class<?> kind) {
    names.add(name);
    kinds.add(kind);
  }

  /** For example "roc_auc(label, score [, weight])". */
  String signature() {
    StringBuilder s = new StringBuilder(function).append('(');
    for (int i = 0; i < names.size(); i++) {
      s.append(i < required ? (i > 0 ? ", " : "") : " [, ").append(names.get(i));
    }
    return s.append("]".repeat(names.size() - required)).append(')').toString();
  }

  /** A call's arguments, split. */
  Call split(List<Expression> arguments) {
    Call call = new Call();
    if (arguments.size() < required || arguments.size() > names.size()) {
      String count = required == names.size() ? String.valueOf(required) : required + " to " + names.size();
      call.problem = function + " takes " + count + " arguments, got " + arguments.size();
      return call;
    }
    for (int i = 0; i < arguments.size(); i++) {
      Expression e = arguments.get(i);
      if (kinds.get(i) == null) {
        call.columns.add(e);
        call.given.add(names.get(i));
        continue;
      }
      if (kinds.get(i) == String.class) {
        Object text = e.foldable() && e.dataType() instanceof StringType ? e.eval(null) : null;
        if (text == null) {
          call.problem = function + "'s " + names.get(i) + " must be a constant string, got " + e.sql();
          return call;
        }
        call.texts.put(names.get(i), text.toString());
        continue;
      }
      Double value = e.foldable() && Argument.isNumber(e.dataType()) ? Argument.toDouble(e.eval(null)) : null;
      if (value == null) {
        call.problem = function + "'s " + names.get(i) + " must be a constant number, got " + e.sql();
        return call;
      }
      call.constants.put(names.get(i), value);
    }
    return call;
  }

  /** The split arguments of one call. */
  static final class Call {
    final List<Expression> columns = new ArrayList<>();
    final List<String> given = new ArrayList<>();
    final Map<String, Double> constants = new LinkedHashMap<>();
    final Map<String, String> texts = new LinkedHashMap<>();
    String problem;

    /** A constant's value, or {@code fallback} when the call leaves it out. */
    double constant(String name, double fallback) {
      return constants.getOrDefault(name, fallback);
    }

    /** Whether the call gives the optional argument: a column or a constant. */
    boolean has(String argument) {
      return given.contains(argument) || constants.containsKey(argument) || texts.containsKey(argument);
    }
  }
}
