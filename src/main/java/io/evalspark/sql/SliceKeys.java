package io.evalspark.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The slices of one partition's rows in a columnar pass: each row's values of the slice columns
 * read as the number of its slice, the slices numbered as they are first seen. A slice's key holds
 * the values as Spark's {@code groupBy} gives them (a string, a boxed number or boolean, or null;
 * -0.0 and NaN of a floating column as one value each, as Spark groups them), so that the pass
 * reports the slices the aggregate reports.
 */
final class SliceKeys {
  private final DataType[] types;
  /** Per column: each value seen (a string column's as UTF8String) and its number. */
  private final List<Map<Object, Integer>> numbers = new ArrayList<>();
  /** Per column: the key value of each number. */
  private final List<List<Object>> values = new ArrayList<>();
  /**
   * Per column after the first: (the number of the row's values of the columns before it, its own
   * value's number) to the number of its values of the columns up to it; the last one's is the slice.
   */
  private final List<PairNumbers> combined = new ArrayList<>();
  private final List<Object[]> keys = new ArrayList<>();
  private int[][] read;
  /**
   * For a dictionary-encoded string column: the number of each dictionary id's value, valid where
   * {@link #idBatch} holds the current batch's count (a batch's ids are of one dictionary, the next
   * batch's may be of another).
   */
  private int[] idNumbers = new int[0];
  private int[] idBatch = new int[0];
  private int batches;

  SliceKeys(DataType[] types) {
    this.types = types;
    for (int c = 0; c < types.length; c++) {
      numbers.add(new HashMap<>());
      values.add(new ArrayList<>());
      combined.add(new PairNumbers());
    }
  }

  /** Whether slice columns of this type are read here. */
  static boolean reads(DataType type) {
    return type instanceof StringType || type instanceof BooleanType || type instanceof ByteType
        || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType
        || type instanceof FloatType || type instanceof DoubleType;
  }

  /**
   * The slice of each of the first {@code rows} rows of {@code columns} (the slice columns of a
   * batch), in {@code into} when it is long enough.
   */
  int[] slices(ColumnVector[] columns, int rows, int[] into) {
    if (read == null || read[0].length < rows) {
      read = new int[types.length][rows];
    }
    for (int c = 0; c < types.length; c++) {
      if (columns[c] instanceof WritableColumnVector w && w.hasDictionary()) {
        readDictionary(c, w, rows);
        continue;
      }
      for (int i = 0; i < rows; i++) {
        read[c][i] = number(c, columns[c], i);
      }
    }
    int[] out = into != null && into.length >= rows ? into : new int[rows];
    for (int i = 0; i < rows; i++) {
      int slice = read[0][i];
      for (int c = 1; c < types.length; c++) {
        slice = combined.get(c).number(slice, read[c][i]);
      }
      if (slice == keys.size()) { // numbers are given in turn, so a new slice's is the next
        Object[] key = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
          key[c] = values.get(c).get(read[c][i]);
        }
        keys.add(key);
      }
      out[i] = slice;
    }
    return out;
  }

  /**
   * Reads column {@code c} of a batch whose strings are dictionary ids (as Parquet's reader leaves
   * them): each id's value is looked up once a batch, so a row costs an array read, not a string.
   */
  private void readDictionary(int c, WritableColumnVector column, int rows) {
    batches++;
    WritableColumnVector ids = column.getDictionaryIds();
    for (int i = 0; i < rows; i++) {
      if (column.isNullAt(i)) {
        read[c][i] = number(c, column, i);
        continue;
      }
      int id = ids.getDictId(i);
      if (id >= idNumbers.length) {
        idNumbers = Arrays.copyOf(idNumbers, Math.max(2 * idNumbers.length, id + 1));
        idBatch = Arrays.copyOf(idBatch, idNumbers.length);
      }
      if (idBatch[id] != batches) {
        idNumbers[id] = number(c, column, i);
        idBatch[id] = batches;
      }
      read[c][i] = idNumbers[id];
    }
  }

  /** The key of slice {@code slice}: one value a slice column. */
  Object[] key(int slice) {
    return keys.get(slice);
  }

  /** The number of slices seen. */
  int size() {
    return keys.size();
  }

  /** The number of column {@code c}'s value at row {@code i}. */
  private int number(int c, ColumnVector vector, int i) {
    Object value = vector.isNullAt(i) ? null : value(types[c], vector, i);
    Integer n = numbers.get(c).get(value);
    if (n == null) {
      n = values.get(c).size();
      Object stored = value instanceof UTF8String s ? s.clone() : value;
      numbers.get(c).put(stored, n);
      values.get(c).add(stored instanceof UTF8String s ? s.toString() : stored);
    }
    return n;
  }

  private static Object value(DataType type, ColumnVector vector, int i) {
    if (type instanceof StringType) {
      return vector.getUTF8String(i);
    }
    if (type instanceof BooleanType) {
      return vector.getBoolean(i);
    }
    if (type instanceof ByteType) {
      return vector.getByte(i);
    }
    if (type instanceof ShortType) {
      return vector.getShort(i);
    }
    if (type instanceof IntegerType) {
      return vector.getInt(i);
    }
    if (type instanceof LongType) {
      return vector.getLong(i);
    }
    if (type instanceof FloatType) {
      float f = vector.getFloat(i);
      return Float.isNaN(f) ? Float.NaN : f == 0.0f ? 0.0f : f;
    }
    double d = vector.getDouble(i);
    return Double.isNaN(d) ? Double.NaN : d == 0.0 ? 0.0 : d;
  }
}
