package io.evalspark.core;

import java.util.Locale;

/** The kind of model being evaluated. */
public enum Task {
  BINARY,
  MULTICLASS,
  REGRESSION;

  /** The name used in options and reports. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
