package io.evalspark.sql;

import io.evalspark.metrics.EvaluationState;
import io.evalspark.metrics.EvaluationStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.ImperativeAggregate;
import org.apache.spark.sql.types.DataType;

/**
 * An evaluation state as a Spark aggregate function. Each partition mutates one state in place per
 * row, reading the arguments straight from Spark's internal rows (no encoders, no row objects);
 * Spark ships a partial state as its byte form and merges states; the merged state becomes the
 * function's result. Every evaluation function, SQL and DataFrame alike, is one of these.
 */
public final class EvaluationAggregate extends CatalystAggregate<EvaluationState<?>> {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final String signature;
  private final StateInputs inputs;
  private final StateOutput output;
  private final List<Expression> arguments;
  private final String argumentProblem;
  private final int mutableOffset;
  private final int inputOffset;
  private transient Argument[] readers;
  private transient DataType dataType;

  /** The constructor Spark's tree copying finds: one parameter per product element. */
  public EvaluationAggregate(String name, String signature, StateInputs inputs, StateOutput output,
      List<Expression> arguments, String argumentProblem, int mutableOffset, int inputOffset) {
    this.name = name;
    this.signature = signature;
    this.inputs = inputs;
    this.output = output;
    this.arguments = List.copyOf(arguments);
    this.argumentProblem = argumentProblem;
    this.mutableOffset = mutableOffset;
    this.inputOffset = inputOffset;
  }

  EvaluationAggregate(String name, String signature, StateInputs inputs, StateOutput output,
      List<Expression> arguments, String argumentProblem) {
    this(name, signature, inputs, output, arguments, argumentProblem, 0, 0);
  }

  @Override
  List<Expression> arguments() {
    return arguments;
  }

  @Override
  Expression withArguments(List<Expression> newArguments) {
    return new EvaluationAggregate(name, signature, inputs, output, newArguments, argumentProblem, mutableOffset, inputOffset);
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    if (argumentProblem != null) {
      return new TypeCheckResult.TypeCheckFailure(argumentProblem + "; usage: " + signature);
    }
    List<String> roles = inputs.roles();
    for (int i = 0; i < roles.size(); i++) {
      DataType type = arguments.get(i).dataType();
      String expected = inputs.expected(i, type);
      if (expected != null) {
        return new TypeCheckResult.TypeCheckFailure(name + "'s " + roles.get(i) + " argument (" + arguments.get(i).sql()
            + ") has type " + type.simpleString() + "; expected " + expected + "; usage: " + signature);
      }
    }
    String together = inputs.expectedTogether(arguments.stream().map(Expression::dataType).toList());
    if (together != null) {
      return new TypeCheckResult.TypeCheckFailure(name + "'s arguments: " + together + "; usage: " + signature);
    }
    return TypeCheckResult.TypeCheckSuccess$.MODULE$;
  }

  /**
   * Refuses {@code DISTINCT} as the analysis of the query fails on a wrong argument: Spark would feed
   * the function each distinct combination of its arguments once, and so drop every row that repeats
   * another's label, score and weight, where an evaluation counts rows.
   */
  @Override
  public AggregateExpression toAggregateExpression(boolean isDistinct, scala.Option<Expression> filter) {
    if (isDistinct && argumentProblem == null) {
      return new EvaluationAggregate(name, signature, inputs, output, arguments, name + "(DISTINCT ...) would"
          + " evaluate each distinct combination of its arguments once, dropping the rows that repeat one; evaluate"
          + " the rows themselves (remove repeated rows by their id first, if that is what DISTINCT was for)",
          mutableOffset, inputOffset).toAggregateExpression(true, filter);
    }
    return super.toAggregateExpression(isDistinct, filter);
  }

  @Override
  public String prettyName() {
    return name;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public DataType dataType() {
    if (dataType == null) {
      dataType = output.dataType(createAggregationBuffer());
    }
    return dataType;
  }

  @Override
  public EvaluationState<?> createAggregationBuffer() {
    List<DataType> types = new ArrayList<>();
    for (Expression e : arguments) {
      types.add(e.dataType());
    }
    return inputs.emptyState(types);
  }

  @Override
  public EvaluationState<?> update(EvaluationState<?> state, InternalRow row) {
    if (readers == null) {
      readers = arguments.stream().map(Argument::new).toArray(Argument[]::new);
    }
    inputs.update(state, readers, row);
    return state;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public EvaluationState<?> merge(EvaluationState<?> into, EvaluationState<?> other) {
    ((EvaluationState) into).merge(other);
    return into;
  }

  @Override
  public Object eval(EvaluationState<?> state) {
    return output.value(state);
  }

  @Override
  public byte[] serialize(EvaluationState<?> state) {
    return state.toByteArray();
  }

  @Override
  public EvaluationState<?> deserialize(byte[] bytes) {
    return EvaluationStates.fromByteArray(bytes);
  }

  @Override
  public int mutableAggBufferOffset() {
    return mutableOffset;
  }

  @Override
  public int inputAggBufferOffset() {
    return inputOffset;
  }

  @Override
  public ImperativeAggregate withNewMutableAggBufferOffset(int offset) {
    return new EvaluationAggregate(name, signature, inputs, output, arguments, argumentProblem, offset, inputOffset);
  }

  @Override
  public ImperativeAggregate withNewInputAggBufferOffset(int offset) {
    return new EvaluationAggregate(name, signature, inputs, output, arguments, argumentProblem, mutableOffset, offset);
  }

  @Override
  public int productArity() {
    return 8;
  }

  @Override
  public Object productElement(int n) {
    Object[] elements = {name, signature, inputs, output, arguments, argumentProblem, mutableOffset, inputOffset};
    return elements[n];
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof EvaluationAggregate;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EvaluationAggregate)) {
      return false;
    }
    EvaluationAggregate o = (EvaluationAggregate) other;
    return name.equals(o.name) && inputs.equals(o.inputs) && output.equals(o.output) && arguments.equals(o.arguments)
        && Objects.equals(argumentProblem, o.argumentProblem) && mutableOffset == o.mutableOffset
        && inputOffset == o.inputOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputs, output, arguments, mutableOffset, inputOffset);
  }
}
