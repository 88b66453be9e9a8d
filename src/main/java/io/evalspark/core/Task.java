package io.evalspark.core;

import java.util.Locale;

/** The kind of model being evaluated. */
public enum Task {
  BINARY,
  MULTICLASS,
  REGRESSION,
  /** Each row a set of true labels and a set of predicted ones. */
  MULTILABEL,
  /** Each row a query: its predicted items in rank order and its relevant items. */
  RANKING;

  /** The name used in options and reports. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
