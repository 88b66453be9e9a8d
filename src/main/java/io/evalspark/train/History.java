package io.evalspark.train;

import io.evalspark.report.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every epoch's losses and metrics, in order; epochs are numbered from 1 as printed. */
public final class History {
  private final List<Map<String, Double>> epochs = new ArrayList<>();

  void add(Map<String, Double> logs) {
    epochs.add(logs);
  }

  /** The epochs' logs: {@code epoch}, {@code seconds}, {@code loss}, metrics, {@code val_...}. */
  public List<Map<String, Double>> epochs() {
    return epochs;
  }

  /** The values of one name across epochs, Keras's {@code history.history[name]}. */
  public List<Double> values(String name) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Double> e : epochs) {
      out.add(e.get(name));
    }
    return out;
  }

  /** Name to the list of its values per epoch, in first-seen order. */
  public Map<String, Object> columns() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : names()) {
      out.put(name, values(name));
    }
    return out;
  }

  private Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Double> e : epochs) {
      names.addAll(e.keySet());
    }
    return names;
  }

  /**
   * The CSV text: a header of names and one line per epoch; an undefined value is empty, and a name
   * with a comma or a quote (a custom metric {@code max(p, y)}) is quoted.
   */
  public String csv() {
    Set<String> names = names();
    StringBuilder out = new StringBuilder(Csv.line(new ArrayList<>(names)));
    for (Map<String, Double> e : epochs) {
      List<String> cells = new ArrayList<>();
      for (String name : names) {
        Double v = e.get(name);
        cells.add(v == null || v.isNaN() ? ""
            : name.equals("epoch") ? String.valueOf(v.longValue()) : String.format(Locale.ROOT, "%.10g", v));
      }
      out.append(Csv.line(cells));
    }
    return out.toString();
  }
}
