package io.evalspark.core;

import java.util.List;

/** The options do not describe an evaluation that can run (exit code 2). */
public final class UsageException extends EvalsparkException {
  private static final long serialVersionUID = 1L;

  /** A usage failure with a message that says what to change. */
  public UsageException(String message) {
    super(message, 2);
  }

  /**
   * Fails where the list {@code values} of {@code option} names one of them twice, which would be
   * counted or recorded twice: "--slice-by names 'country' twice; name each column once".
   */
  public static void requireEachOnce(String option, List<?> values, String each) {
    for (int i = 0; i < values.size(); i++) {
      if (values.indexOf(values.get(i)) != i) {
        throw new UsageException(option + " names '" + values.get(i) + "' twice; name each " + each + " once");
      }
    }
  }

  /** Fails where the count {@code given} of {@code option} is below 1: "--epochs must be at least 1, got 0". */
  public static void requireAtLeastOne(String option, long given) {
    if (given < 1) {
      throw new UsageException(option + " must be at least 1, got " + given);
    }
  }
}
