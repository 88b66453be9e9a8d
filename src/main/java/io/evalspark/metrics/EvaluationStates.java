package io.evalspark.metrics;

/** Reads any task's state from its byte form, by the kind tag it carries. */
public final class EvaluationStates {
  private EvaluationStates() {}

  /** The state written by one of the states' {@code toByteArray()}. */
  public static EvaluationState<?> fromByteArray(byte[] bytes) {
    char kind = bytes != null && bytes.length > 1 ? (char) bytes[1] : '?';
    switch (kind) {
      case 'B':
        return BinaryState.fromByteArray(bytes);
      case 'M':
        return MulticlassState.fromByteArray(bytes);
      case 'R':
        return RegressionState.fromByteArray(bytes);
      default:
        throw new IllegalArgumentException("not a serialised evaluation state: kind tag '" + kind + "'");
    }
  }
}
