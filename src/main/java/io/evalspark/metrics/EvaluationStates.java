package io.evalspark.metrics;

/** Reads any task's state from its byte form, by the kind tag it carries. */
public final class EvaluationStates {
  private EvaluationStates() {}

  /** The state written by one of the states' {@code toByteArray()}. */
  public static EvaluationState<?> fromByteArray(byte[] bytes) {
    char kind = kindOf(bytes);
    switch (kind) {
      case 'B':
        return BinaryState.fromByteArray(bytes);
      case 'M':
        return MulticlassState.fromByteArray(bytes);
      case 'R':
        return RegressionState.fromByteArray(bytes);
      case 'L':
        return MultilabelState.fromByteArray(bytes);
      case 'Q':
        return RankedListsState.fromByteArray(bytes);
      case 'I':
        return IntervalState.fromByteArray(bytes);
      default:
        throw new IllegalArgumentException("not a serialised evaluation state: kind tag '" + kind + "'");
    }
  }

  /** The kind tag a state's byte form carries after its version, or '?' when it is too short to carry one. */
  private static char kindOf(byte[] bytes) {
    return bytes != null && bytes.length > 1 ? (char) bytes[1] : '?';
  }

  /**
   * Adds {@code from} into {@code into}, for states whose kind is known only at run time (read
   * back from bytes); states of different tasks cannot be merged.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void merge(EvaluationState<?> into, EvaluationState<?> from) {
    if (into.getClass() != from.getClass()) {
      throw new IllegalArgumentException("cannot merge a " + from.getClass().getSimpleName() + " into a "
          + into.getClass().getSimpleName());
    }
    ((EvaluationState) into).merge((EvaluationState) from);
  }

  /**
   * Adds the state whose byte form is {@code bytes} into {@code into}, as {@code merge(into,
   * fromByteArray(bytes))} does; a binary state's without making it ({@link BinaryState#mergeBytes}).
   * Should the bytes be damaged, {@code into} may be left part-merged: drop it.
   */
  public static void mergeBytes(EvaluationState<?> into, byte[] bytes) {
    if (mergesAsRead(into, bytes)) {
      ((BinaryState) into).mergeBytes(bytes);
    } else {
      merge(into, fromByteArray(bytes));
    }
  }

  /**
   * Whether {@link #mergeBytes} adds {@code bytes} into {@code into} as it reads them, without a
   * state of their own: a binary state's into a binary state.
   */
  public static boolean mergesAsRead(EvaluationState<?> into, byte[] bytes) {
    return into instanceof BinaryState && kindOf(bytes) == 'B';
  }

  /**
   * {@code from} merged into {@code into}, which is returned; when {@code into} is null (nothing
   * merged yet), {@code from} itself, as it is.
   */
  public static EvaluationState<?> mergeInto(EvaluationState<?> into, EvaluationState<?> from) {
    if (into == null) {
      return from;
    }
    merge(into, from);
    return into;
  }
}
