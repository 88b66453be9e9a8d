package io.evalspark.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses an option value into one of an enum's constants, case-insensitively, naming the choices. */
public final class Choice {
  private Choice() {}

  /** The constant named {@code value}, or a usage error naming {@code option} and the choices. */
  public static <E extends Enum<E>> E of(Class<E> type, String option, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    String choices = Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    throw new UsageException(option + " must be one of " + choices + "; got '" + value + "'");
  }
}
