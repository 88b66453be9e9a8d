package io.evalspark.run;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.KeptState;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * States by slice text, in the order they were kept, each read when asked for ({@link
 * KeptState#state()}): a map that holds many slices' byte forms, not all their states at once.
 * Read-only as a map; {@link #keep} adds to it.
 */
public final class SliceStates extends AbstractMap<String, EvaluationState<?>> {
  private final Map<String, KeptState> slices = new LinkedHashMap<>();

  /** Keeps {@code state} as the state of {@code slice}, after the slices kept before it. */
  public void keep(String slice, KeptState state) {
    slices.put(slice, state);
  }

  /** How the state of {@code slice} is kept; null when it has none. */
  public KeptState kept(String slice) {
    return slices.get(slice);
  }

  @Override
  public EvaluationState<?> get(Object slice) {
    KeptState s = slices.get(slice);
    return s == null ? null : s.state();
  }

  @Override
  public boolean containsKey(Object slice) {
    return slices.containsKey(slice);
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
        Iterator<Map.Entry<String, KeptState>> each = slices.entrySet().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return each.hasNext();
          }

          @Override
          public Map.Entry<String, EvaluationState<?>> next() {
            Map.Entry<String, KeptState> e = each.next();
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
