package io.evalspark.sql;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.classic.ExpressionUtils;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Catalyst's aggregate API where its signatures name Scala 2.13 collections (the Spark 4 line).
 * The Spark 3.5 line has a twin of this file for Scala 2.12; everything else is shared.
 *
 * @param <T> the aggregation buffer
 */
abstract class CatalystAggregate<T> extends TypedImperativeAggregate<T> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private transient scala.collection.immutable.Seq<Expression> childSeq;

  /** The argument expressions, in order. */
  abstract List<Expression> arguments();

  /** This aggregate over other arguments. */
  abstract Expression withArguments(List<Expression> arguments);

  @Override
  public scala.collection.immutable.Seq<Expression> children() {
    if (childSeq == null) {
      childSeq = CollectionConverters.asScala(arguments()).toList();
    }
    return childSeq;
  }

  @Override
  public Expression withNewChildrenInternal(scala.collection.immutable.IndexedSeq<Expression> newChildren) {
    return withArguments(CollectionConverters.asJava(newChildren));
  }

  /** A DataFrame column over an expression. */
  static Column column(Expression expression) {
    return ExpressionUtils.column(expression);
  }

  /** The expression of a DataFrame column. */
  static Expression expression(Column column) {
    return ExpressionUtils.expression(column);
  }

  /** A function builder for Spark's function registry. */
  static Function1<scala.collection.immutable.Seq<Expression>, Expression> builder(
      java.util.function.Function<List<Expression>, Expression> build) {
    return arguments -> build.apply(CollectionConverters.asJava(arguments));
  }
}
