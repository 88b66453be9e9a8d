package io.evalspark.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses an option value into one of an enum's constants, case-insensitively, naming the choices. */
public final class Choice {
  private Choice() {}

  /** The constant named {@code value}, or a usage error naming {@code option} and the choices. */
  public static <E extends Enum<E>> E of(Class<E> type, String option, String value) {
    return find(type, value).orElseThrow(
        () -> new UsageException(option + " must be one of " + names(type) + "; got '" + value + "'"));
  }

  /** The constant named {@code value}, case-insensitively; empty where none is. */
  public static <E extends Enum<E>> Optional<E> find(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst();
  }

  /** The constants' names in lower case, joined with commas. */
  public static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
