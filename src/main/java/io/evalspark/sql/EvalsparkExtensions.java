package io.evalspark.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.BoxedUnit;

/**
 * Installs the evaluation functions in every session Spark builds:
 * {@code spark.sql.extensions=io.evalspark.sql.EvalsparkExtensions} with the jar on {@code spark.jars}.
 */
public final class EvalsparkExtensions implements SparkSessionExtensionsProvider {
  private static final long serialVersionUID = 1L;

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    SqlFunctions.inject(extensions);
    return BoxedUnit.UNIT;
  }
}
