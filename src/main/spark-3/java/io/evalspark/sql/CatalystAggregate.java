package io.evalspark.sql;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import scala.Function1;
import scala.collection.JavaConverters;

/**
 * Catalyst's aggregate API where its signatures name Scala 2.12 collections (the Spark 3.5 line).
 * The Spark 4 line has a twin of this file for Scala 2.13; everything else is shared.
 *
 * @param <T> the aggregation buffer
 */
abstract class CatalystAggregate<T> extends TypedImperativeAggregate<T> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private transient scala.collection.Seq<Expression> childSeq;

  /** The argument expressions, in order. */
  abstract List<Expression> arguments();

  /** This aggregate over other arguments. */
  abstract Expression withArguments(List<Expression> arguments);

  @Override
  public scala.collection.Seq<Expression> children() {
    if (childSeq == null) {
      childSeq = JavaConverters.asScalaBuffer(arguments()).toList();
    }
    return childSeq;
  }

  @Override
  public Expression withNewChildrenInternal(scala.collection.IndexedSeq<Expression> newChildren) {
    return withArguments(JavaConverters.seqAsJavaList(newChildren));
  }

  /** A DataFrame column over an expression. */
  static Column column(Expression expression) {
    return new Column(expression);
  }

  /** The expression of a DataFrame column. */
  static Expression expression(Column column) {
    return column.expr();
  }

  /** A function builder for Spark's function registry. */
  static Function1<scala.collection.Seq<Expression>, Expression> builder(
      java.util.function.Function<List<Expression>, Expression> build) {
    return arguments -> build.apply(JavaConverters.seqAsJavaList(arguments));
  }
}
