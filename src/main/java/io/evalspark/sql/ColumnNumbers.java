package io.evalspark.sql;

import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * Reads a column vector of numbers or booleans as doubles, as a cast to double would (true is 1),
 * with NaN standing for null: one loop per column and batch, so a row costs an array read.
 */
final class ColumnNumbers {
  private ColumnNumbers() {}

  /** Whether {@link #read} reads columns of this type. */
  static boolean reads(DataType type) {
    return type instanceof DoubleType || type instanceof FloatType || type instanceof LongType
        || type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType
        || type instanceof BooleanType || type instanceof DecimalType;
  }

  /**
   * The first {@code rows} values of {@code vector}, in {@code into} when it is long enough; of a
   * column of class probabilities (an array of numbers or an ML vector, a binary score), each
   * row's element 1, as the aggregate reads a binary score (NaN when the row or the element is
   * null, or the row has other than two).
   */
  static double[] read(ColumnVector vector, DataType type, int rows, double[] into) {
    double[] out = into != null && into.length >= rows ? into : new double[rows];
    if (ClassProbabilities.reads(type)) {
      ClassProbabilities probabilities = new ClassProbabilities(type);
      for (int i = 0; i < rows; i++) {
        out[i] = ClassProbabilities.positiveClassOrNaN(probabilities.row(vector, i));
      }
      return out;
    }
    if (type instanceof DoubleType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getDouble(i);
      }
    } else if (type instanceof FloatType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getFloat(i);
      }
    } else if (type instanceof LongType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getLong(i);
      }
    } else if (type instanceof IntegerType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getInt(i);
      }
    } else if (type instanceof ShortType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getShort(i);
      }
    } else if (type instanceof ByteType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getByte(i);
      }
    } else if (type instanceof BooleanType) {
      for (int i = 0; i < rows; i++) {
        out[i] = vector.getBoolean(i) ? 1.0 : 0.0;
      }
    } else if (type instanceof DecimalType) {
      DecimalType d = (DecimalType) type;
      for (int i = 0; i < rows; i++) {
        out[i] = vector.isNullAt(i) ? Double.NaN : vector.getDecimal(i, d.precision(), d.scale()).toDouble();
      }
    } else {
      throw new IllegalArgumentException("a column of type " + type.simpleString() + " does not read as numbers");
    }
    if (vector.hasNull()) {
      for (int i = 0; i < rows; i++) {
        if (vector.isNullAt(i)) {
          out[i] = Double.NaN;
        }
      }
    }
    return out;
  }
}
