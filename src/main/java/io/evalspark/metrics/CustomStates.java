package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The custom metric states ({@link CustomMetricState}) of one task state, one per class the settings name. */
final class CustomStates {
  private final CustomMetricState[] states;

  /** A new instance of each class. */
  CustomStates(List<String> classes) {
    states = new CustomMetricState[classes.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = instance(classes.get(i));
    }
  }

  /**
   * A new instance of the class {@code name}, loaded as Spark loads the jars of {@code --jars}.
   *
   * @throws IllegalArgumentException naming the class and what is wrong with it
   */
  static CustomMetricState instance(String name) {
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      // not initialised: a class that is no CustomMetricState must not run its static code
      type = Class.forName(name, false, loader != null ? loader : CustomStates.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException("metric class " + name + " is not on the classpath; pass its jar with"
          + " submit.sh --jars", e);
    }
    if (!CustomMetricState.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("metric class " + name + " does not implement "
          + CustomMetricState.class.getName());
    }
    try {
      return (CustomMetricState) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("metric class " + name + " has no public constructor without arguments"
          + " that works: " + e, e);
    }
  }

  void update(double y, double p, double weight) {
    for (CustomMetricState s : states) {
      s.update(y, p, weight);
    }
  }

  void merge(CustomStates other) {
    for (int i = 0; i < states.length; i++) {
      states[i].merge(other.states[i]);
    }
  }

  /** Adds each state's metrics to {@code metrics}; all NaN where {@code empty}. */
  void putValues(Map<String, Double> metrics, boolean empty) {
    for (CustomMetricState s : states) {
      List<String> names = s.names();
      double[] values = s.values();
      for (int i = 0; i < names.size(); i++) {
        metrics.put(names.get(i), empty || i >= values.length ? Double.NaN : values[i]);
      }
    }
  }

  void writeTo(DataOutput out) throws IOException {
    for (CustomMetricState s : states) {
      byte[] bytes = s.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  void readFrom(DataInput in) throws IOException {
    for (CustomMetricState s : states) {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      s.restore(bytes);
    }
  }

  /** The metric names of each class, in order. */
  static List<String> names(List<String> classes) {
    List<String> names = new ArrayList<>();
    for (String c : classes) {
      names.addAll(instance(c).names());
    }
    return names;
  }
}
