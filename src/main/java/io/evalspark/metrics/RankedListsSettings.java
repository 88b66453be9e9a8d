package io.evalspark.metrics;

import io.evalspark.core.Task;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a ranking evaluation: the cut-offs K of the metrics at K, ascending and distinct, and
 * whether a query's rows are its items' scores and graded relevances ({@code graded}) rather than
 * its predicted and relevant items.
 */
public record RankedListsSettings(List<Integer> ks, boolean graded) implements TaskSettings {
  /** The cut-off without one given: MLlib's RankingEvaluator's default. */
  public static final int DEFAULT_K = 10;

  /** Checks and sorts the cut-offs. */
  public RankedListsSettings {
    if (ks == null || ks.isEmpty()) {
      ks = List.of(DEFAULT_K);
    }
    for (int k : ks) {
      if (k < 1) {
        throw new IllegalArgumentException("a cut-off K must be a whole number >= 1, got " + k);
      }
    }
    ks = ks.stream().distinct().sorted().toList();
  }

  /** The cut-offs of queries given as predicted and relevant items. */
  public RankedListsSettings(List<Integer> ks) {
    this(ks, false);
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(ks.size());
    for (int k : ks) {
      out.writeInt(k);
    }
    out.writeBoolean(graded);
  }

  static RankedListsSettings readFrom(DataInput in) throws IOException {
    int n = in.readInt();
    List<Integer> ks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ks.add(in.readInt());
    }
    return new RankedListsSettings(ks, in.readBoolean());
  }

  @Override
  public Task task() {
    return Task.RANKING;
  }

  @Override
  public RankedListsState emptyState() {
    return new RankedListsState(this);
  }

  @Override
  public List<String> metricNames() {
    return RankedListsCatalogue.CATALOGUE.names(this);
  }
}
