package io.evalspark.sql;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;

/**
 * Reads a column vector of class probabilities, an array of numbers or an ML vector a row, one
 * row at a time into a reused array, as the aggregate reads them ({@link Argument#numbers}): a null
 * element is NaN, a sparse vector has its zeros.
 */
final class ClassProbabilities {
  /** The fields of a stored ML vector: its type (0 sparse, 1 dense), size, indices and values. */
  private static final int VECTOR_TYPE = 0;
  private static final int VECTOR_SIZE = 1;
  private static final int VECTOR_INDICES = 2;
  private static final int VECTOR_VALUES = 3;
  private static final byte DENSE = 1;

  /** One element of an array as a double. */
  private interface Element {
    double read(ColumnarArray array, int j);
  }

  private final boolean vector;
  private final Element element;
  private double[] row = new double[0];

  ClassProbabilities(DataType type) {
    vector = type.equals(SQLDataTypes.VectorType());
    element = vector ? ColumnarArray::getDouble : element(((ArrayType) type).elementType());
  }

  /**
   * A binary score from a row's class probabilities: element 1 of exactly two, NaN for a null row
   * or one of another length (a 3-class row is not a binary score). The aggregate and the columnar
   * pass both read a score array this way.
   */
  static double positiveClassOrNaN(double[] probabilities) {
    return probabilities == null || probabilities.length != 2 ? Double.NaN : probabilities[1];
  }

  /** Whether {@link #row} reads columns of this type. */
  static boolean reads(DataType type) {
    return Argument.isNumbers(type) && (type.equals(SQLDataTypes.VectorType())
        || element(((ArrayType) type).elementType()) != null);
  }

  private static Element element(DataType type) {
    if (type instanceof DoubleType) {
      return ColumnarArray::getDouble;
    }
    if (type instanceof FloatType) {
      return ColumnarArray::getFloat;
    }
    if (type instanceof LongType) {
      return ColumnarArray::getLong;
    }
    if (type instanceof IntegerType) {
      return ColumnarArray::getInt;
    }
    if (type instanceof ShortType) {
      return ColumnarArray::getShort;
    }
    if (type instanceof ByteType) {
      return ColumnarArray::getByte;
    }
    if (type instanceof DecimalType d) {
      return (array, j) -> array.getDecimal(j, d.precision(), d.scale()).toDouble();
    }
    return null;
  }

  /**
   * Row {@code i}'s probabilities, or null when the row has none; the array is this reader's and
   * is overwritten by the next row's.
   */
  double[] row(ColumnVector column, int i) {
    if (column.isNullAt(i)) {
      return null;
    }
    if (!vector) {
      return copy(column.getArray(i));
    }
    ColumnarArray values = column.getChild(VECTOR_VALUES).getArray(i);
    if (column.getChild(VECTOR_TYPE).getByte(i) == DENSE) {
      return copy(values);
    }
    double[] out = sized(column.getChild(VECTOR_SIZE).getInt(i));
    Arrays.fill(out, 0.0);
    ColumnarArray indices = column.getChild(VECTOR_INDICES).getArray(i);
    for (int j = 0; j < values.numElements(); j++) {
      out[indices.getInt(j)] = values.getDouble(j);
    }
    return out;
  }

  private double[] copy(ColumnarArray array) {
    double[] out = sized(array.numElements());
    for (int j = 0; j < out.length; j++) {
      out[j] = array.isNullAt(j) ? Double.NaN : element.read(array, j);
    }
    return out;
  }

  private double[] sized(int length) {
    if (row.length != length) {
      row = new double[length];
    }
    return row;
  }
}
