package io.evalspark.sql;

import java.math.BigDecimal;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * Reads one argument of an evaluation function from Spark's internal rows, without going through
 * encoders: a plain column is read at its position, anything else is evaluated. Numbers of any
 * numeric type and booleans (1 and 0) read as doubles; arrays and ML vectors as double arrays, or a
 * ranking's items as keys that are equal where the items are ({@link ItemIds}).
 */
final class Argument {
  private static final VectorUDT VECTORS = new VectorUDT();
  private final Expression expression;
  private final DataType type;
  private final int ordinal;
  private double[] elements;

  Argument(Expression expression) {
    this.expression = expression;
    this.type = expression.dataType();
    this.ordinal = expression instanceof BoundReference ? ((BoundReference) expression).ordinal() : -1;
  }

  /** Whether a type reads as one number. */
  static boolean isNumber(DataType type) {
    return type instanceof NumericType || type instanceof BooleanType;
  }

  /** Whether a type reads as an array of numbers. */
  static boolean isNumbers(DataType type) {
    return type.equals(SQLDataTypes.VectorType())
        || (type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType);
  }

  /** Whether a type reads as an array of item ids: numbers (an array or an ML vector) or strings. */
  static boolean isItems(DataType type) {
    return isNumbers(type) || isStrings(type);
  }

  /** Whether a type is an array of strings. */
  static boolean isStrings(DataType type) {
    return type instanceof ArrayType && ((ArrayType) type).elementType() instanceof StringType;
  }

  /**
   * The argument's items as {@link ItemIds#key keys}, equal exactly where the items are (null for
   * an item that is null, NaN or infinite), or null for a null array.
   */
  Object[] items(InternalRow row) {
    Object value = expression.eval(row);
    if (value == null) {
      return null;
    }
    if (type.equals(SQLDataTypes.VectorType())) {
      double[] numbers = VECTORS.deserialize(value).toArray();
      Object[] keys = new Object[numbers.length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = ItemIds.key(numbers[i]);
      }
      return keys;
    }
    ArrayData array = (ArrayData) value;
    DataType element = ((ArrayType) type).elementType();
    Object[] keys = new Object[array.numElements()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = array.isNullAt(i) ? null : ItemIds.key(array.get(i, element));
    }
    return keys;
  }

  /** Whether this argument reads as an array of numbers. */
  boolean isNumbers() {
    return isNumbers(type);
  }

  /** The argument as a number, or null. */
  Double number(InternalRow row) {
    if (ordinal >= 0) {
      if (row.isNullAt(ordinal)) {
        return null;
      }
      if (type == DataTypes.DoubleType) {
        return row.getDouble(ordinal);
      }
    }
    return toDouble(expression.eval(row));
  }

  /** A whole-number argument (a hash) as a long; null reads as 0. */
  long wholeNumber(InternalRow row) {
    if (ordinal >= 0 && type == DataTypes.LongType) {
      return row.isNullAt(ordinal) ? 0L : row.getLong(ordinal);
    }
    Object value = expression.eval(row);
    return value == null ? 0L : ((Number) value).longValue();
  }

  /** The argument as a number, NaN standing for null: the unboxed read of a plain double column. */
  double numberOrNaN(InternalRow row) {
    if (ordinal >= 0 && type == DataTypes.DoubleType) {
      return row.isNullAt(ordinal) ? Double.NaN : row.getDouble(ordinal);
    }
    Double value = number(row);
    return value == null ? Double.NaN : value;
  }

  /**
   * A binary score: a number argument itself, or element 1 of an array or vector argument of
   * exactly two class probabilities; NaN stands for null and for a row of another length (a
   * 3-class row is not a binary score).
   */
  double positiveClassOrNaN(InternalRow row) {
    if (isNumber(type)) {
      return numberOrNaN(row);
    }
    return ClassProbabilities.positiveClassOrNaN(numbers(row));
  }

  /**
   * The argument as an array of numbers (null elements read as NaN), or null. An array argument's
   * numbers are read into an array this argument reuses while the length stays the same, so the
   * caller reads it before the next row and keeps no reference to it.
   */
  double[] numbers(InternalRow row) {
    Object value = expression.eval(row);
    if (value == null) {
      return null;
    }
    if (type.equals(SQLDataTypes.VectorType())) {
      return VECTORS.deserialize(value).toArray();
    }
    ArrayData array = (ArrayData) value;
    DataType element = ((ArrayType) type).elementType();
    if (elements == null || elements.length != array.numElements()) {
      elements = new double[array.numElements()];
    }
    for (int i = 0; i < elements.length; i++) {
      elements[i] = array.isNullAt(i) ? Double.NaN : element == DataTypes.DoubleType ? array.getDouble(i)
          : element == DataTypes.LongType ? exactly(array.getLong(i))
          : element instanceof DecimalType d && d.scale() == 0 ? exactly(array.getDecimal(i, d.precision(), 0))
          : toDouble(array.get(i, element));
    }
    return elements;
  }

  /**
   * A long as the double that holds it exactly, or NaN (an unusable element) where none does: beyond
   * 2^53 neighbouring ids would read as one double, and one item as another.
   */
  static double exactly(long v) {
    double d = v;
    return d < 0x1p63 && (long) d == v ? d : Double.NaN; // 2^63 itself is no long: Long.MAX_VALUE rounds to it
  }

  /** A whole decimal (an id of up to 38 digits) as the double that holds it exactly, or NaN. */
  static double exactly(Decimal v) {
    BigDecimal whole = v.toJavaBigDecimal();
    double d = whole.doubleValue();
    return new BigDecimal(d).compareTo(whole) == 0 ? d : Double.NaN;
  }

  /** A value of a numeric or boolean Spark expression as a double, or null. */
  static Double toDouble(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1.0 : 0.0;
    }
    if (value instanceof Decimal) {
      return ((Decimal) value).toDouble();
    }
    return ((Number) value).doubleValue();
  }
}
