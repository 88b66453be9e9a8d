package io.evalspark.train;

import io.evalspark.core.UsageException;
import io.evalspark.job.InputColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;

/**
 * Where a row's features are: numeric columns, or one ML vector or array column. Reads them from
 * the first positions of a row selected by {@link #select}, and says what is wrong with them.
 *
 * @param columns the numeric feature columns (empty when {@code vector} is set)
 * @param vector the vector or array column, or null
 * @param size the number of features
 */
public record FeatureColumns(List<String> columns, String vector, int size) implements Serializable {
  private static final VectorUDT VECTORS = new VectorUDT();

  /**
   * The features of {@code input}: {@code columns} or the column {@code vector} (exactly one), as
   * many as the first row's vector holds; {@link TrainingData} counts the length most rows' have
   * where some rows' differ ({@link #withLengthOfMostRows}).
   */
  public static FeatureColumns of(Dataset<Row> input, List<String> columns, String vector) {
    boolean hasColumns = columns != null && !columns.isEmpty();
    if (hasColumns == (vector != null)) {
      throw new UsageException("give exactly one of --features COLS and --features-col VEC");
    }
    if (hasColumns) {
      InputColumns check = new InputColumns(input);
      for (String c : columns) {
        if (check.holdsNumbers("feature", c)) {
          throw new UsageException("--features " + c + " names a column of many features (a vector or an array),"
              + " where --features takes one numeric column per feature; give it as --features-col " + c);
        }
      }
      return new FeatureColumns(List.copyOf(columns), null, columns.size());
    }
    List<Row> first = input.select(new InputColumns(input).vector("features", vector)).na().drop().limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new io.evalspark.core.BadDataException("the features column '" + vector + "' has no non-null value");
    }
    return new FeatureColumns(List.of(), vector, lengthOf(first.get(0).get(0)));
  }

  /**
   * These features of {@code input}, as many as most rows' vectors hold, where rows were refused
   * for a vector of another length than this one's ({@code refused}: the reasons rows were
   * refused for); otherwise these. Counted in a pass of its own, and only then: one odd row read
   * first must not make the others the ones refused.
   */
  FeatureColumns withLengthOfMostRows(Dataset<Row> input, Collection<String> refused) {
    if (vector == null || refused.stream().noneMatch(reason -> reason.startsWith(wrongLengthStart()))) {
      return this;
    }
    InputColumns check = new InputColumns(input);
    int common = check.mostCommonLength(check.vector("features", vector));
    return common == size || common == 0 ? this : new FeatureColumns(columns, vector, common);
  }

  /** The feature names for the model file: the columns, or {@code vector[0]}, {@code vector[1]}... */
  public List<String> names() {
    if (vector == null) {
      return columns;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      names.add(vector + "[" + i + "]");
    }
    return names;
  }

  /** The columns that hold the features, checked and cast, to select first. */
  public List<Column> select(Dataset<Row> input) {
    InputColumns check = new InputColumns(input);
    List<Column> out = new ArrayList<>();
    if (vector != null) {
      out.add(check.vector("features", vector));
    } else {
      for (String c : columns) {
        out.add(check.number("feature", c, true));
      }
    }
    return out;
  }

  /** How many leading row positions {@link #select} takes. */
  public int width() {
    return vector != null ? 1 : columns.size();
  }

  /** Reads the features of {@code row} into {@code into}; returns why they cannot be used, or null. */
  public String read(Row row, double[] into) {
    return vector != null ? readVector(row, into) : readColumns(row::isNullAt, row::getDouble, into);
  }

  /**
   * Reads the features of {@code row}, Spark's internal form of a row selected by {@link #select}
   * whose first column is of {@code type}, into {@code into}; returns why they cannot be used, or
   * null. Reads numbers without boxing them, and a vector without the row objects Spark would make.
   */
  public String read(InternalRow row, DataType type, double[] into) {
    if (vector == null) {
      return readColumns(row::isNullAt, row::getDouble, into);
    }
    if (row.isNullAt(0)) {
      return "the features column '" + vector + "' is null";
    }
    if (type instanceof ArrayType) {
      ArrayData elements = row.getArray(0);
      if (elements.numElements() != size) {
        return wrongLength(elements.numElements());
      }
      for (int i = 0; i < size; i++) {
        into[i] = elements.isNullAt(i) ? Double.NaN : elements.getDouble(i);
        if (Double.isNaN(into[i]) || Double.isInfinite(into[i])) {
          return nonFinite();
        }
      }
      return null;
    }
    Vector v = VECTORS.deserialize(row.getStruct(0, VECTORS.sqlType().size()));
    return v.size() != size ? wrongLength(v.size()) : readVector(v, into);
  }

  private String readColumns(IntPredicate isNull, IntToDoubleFunction value, double[] into) {
    for (int i = 0; i < size; i++) {
      if (isNull.test(i)) {
        return "the feature column '" + columns.get(i) + "' is null";
      }
      into[i] = value.applyAsDouble(i);
      if (Double.isNaN(into[i]) || Double.isInfinite(into[i])) {
        return "the feature column '" + columns.get(i) + "' is NaN or infinite";
      }
    }
    return null;
  }

  private String readVector(Row row, double[] into) {
    if (row.isNullAt(0)) {
      return "the features column '" + vector + "' is null";
    }
    Object value = row.get(0);
    int n = lengthOf(value);
    if (n != size) {
      return wrongLength(n);
    }
    if (value instanceof Vector v) {
      return readVector(v, into);
    }
    List<Double> elements = row.getList(0);
    for (int i = 0; i < size; i++) {
      Double x = elements.get(i);
      if (x == null || x.isNaN() || x.isInfinite()) {
        return nonFinite();
      }
      into[i] = x;
    }
    return null;
  }

  private String readVector(Vector v, double[] into) {
    for (int i = 0; i < size; i++) {
      into[i] = v.apply(i);
      if (Double.isNaN(into[i]) || Double.isInfinite(into[i])) {
        return nonFinite();
      }
    }
    return null;
  }

  private String wrongLength(int n) {
    return wrongLengthStart() + n + " elements, expected " + size;
  }

  private String wrongLengthStart() {
    return "the features column '" + vector + "' has a row of ";
  }

  private String nonFinite() {
    return "the features column '" + vector + "' holds a null, NaN or infinite element";
  }

  private static int lengthOf(Object value) {
    if (value instanceof Vector) {
      return ((Vector) value).size();
    }
    if (value instanceof scala.collection.Seq) {
      return ((scala.collection.Seq<?>) value).size();
    }
    if (value instanceof List) {
      return ((List<?>) value).size();
    }
    throw new IllegalStateException("not a vector or array: " + value);
  }
}
