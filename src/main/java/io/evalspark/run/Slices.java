package io.evalspark.run;

import io.evalspark.job.EvaluationResult;
import io.evalspark.job.SliceResult;
import io.evalspark.metrics.EvaluationState;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Slices by their text as the history stores it: "overall", or "country=DE, device=mobile". */
public final class Slices {
  /** The text of the whole input. */
  public static final String OVERALL = "overall";

  private Slices() {}

  /** The text of a slice key; the empty key is {@link #OVERALL}. */
  public static String text(Map<String, Object> key) {
    if (key.isEmpty()) {
      return OVERALL;
    }
    StringJoiner j = new StringJoiner(", ");
    key.forEach((column, value) -> j.add(column + "=" + value));
    return j.toString();
  }

  /**
   * The overall state first, then each slice's, by text: a view of the result, whose slices' states
   * are read from their byte forms as they are asked for ({@link SliceResult#state()}), not all held
   * at once.
   */
  public static Map<String, EvaluationState<?>> of(EvaluationResult result) {
    Map<String, SliceResult> byText = new LinkedHashMap<>();
    byText.put(OVERALL, new SliceResult(Map.of(), result.overall()));
    for (SliceResult s : result.slices()) {
      byText.put(text(s.key()), s);
    }
    return new StatesByText(byText);
  }

  /** Slices' states by text, each read when asked for. */
  private static final class StatesByText extends AbstractMap<String, EvaluationState<?>> {
    private final Map<String, SliceResult> slices;

    StatesByText(Map<String, SliceResult> slices) {
      this.slices = slices;
    }

    @Override
    public EvaluationState<?> get(Object text) {
      SliceResult s = slices.get(text);
      return s == null ? null : s.state();
    }

    @Override
    public boolean containsKey(Object text) {
      return slices.containsKey(text);
    }

    @Override
    public Set<String> keySet() {
      return Collections.unmodifiableSet(slices.keySet());
    }

    @Override
    public int size() {
      return slices.size();
    }

    @Override
    public Set<Map.Entry<String, EvaluationState<?>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, EvaluationState<?>>> iterator() {
          Iterator<Map.Entry<String, SliceResult>> each = slices.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return each.hasNext();
            }

            @Override
            public Map.Entry<String, EvaluationState<?>> next() {
              Map.Entry<String, SliceResult> e = each.next();
              return new SimpleImmutableEntry<>(e.getKey(), e.getValue().state());
            }
          };
        }

        @Override
        public int size() {
          return slices.size();
        }
      };
    }
  }
}
