package io.evalspark.job;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import io.evalspark.core.BadDataException;
import io.evalspark.core.Messages;
import io.evalspark.metrics.BinarySettings;
import io.evalspark.metrics.MulticlassSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Checks that the input has the columns an evaluation names, of types it can read, and turns them
 * into the aggregators' input expressions. Failures name the column, its type and what was expected.
 */
public final class InputColumns {
  private final Dataset<Row> input;

  /** The checker of {@code input}'s columns. */
  public InputColumns(Dataset<Row> input) {
    this.input = input;
  }

  /**
   * The length that most rows' {@code values} (an array or an ML vector a row, as {@link #vector}
   * gives them) have, the longer of lengths as common; 0 where no row has one. Counted in a pass of
   * its own over Spark's rows, so that the length the rows agree on is known before they are read:
   * one odd row read first must not decide it.
   */
  public int mostCommonLength(Column values) {
    Dataset<Row> selected = input.select(values);
    boolean vectors = isVector(selected.schema().fields()[0].dataType());
    Map<Integer, Long> counts = selected.queryExecution().toRdd().toJavaRDD()
        .map(row -> lengthOf(row, vectors)).countByValue();
    int best = 0;
    long rows = 0;
    for (Map.Entry<Integer, Long> length : counts.entrySet()) {
      int n = length.getKey();
      if (n >= 0 && (length.getValue() > rows || length.getValue() == rows && n > best)) {
        best = n;
        rows = length.getValue();
      }
    }
    return best;
  }

  /** The length of a row's array or ML vector (its internal struct: type 0 sparse with a size, 1 dense); -1 for null. */
  private static int lengthOf(InternalRow row, boolean vector) {
    if (row.isNullAt(0)) {
      return -1;
    }
    if (!vector) {
      return row.getArray(0).numElements();
    }
    InternalRow v = row.getStruct(0, 4);
    return v.getByte(0) == 0 ? v.getInt(1) : v.getArray(3).numElements();
  }

  /** A numeric (or, where {@code booleanOk}, boolean) column as a double. */
  public Column number(String role, String name, boolean booleanOk) {
    DataType type = typeOf(role, name);
    if (type instanceof NumericType || (booleanOk && type instanceof BooleanType)) {
      return ref(name).cast(DataTypes.DoubleType);
    }
    throw wrongType(role, name, type, (booleanOk ? "a numeric or boolean column" : "a numeric column") + textNote(name, type));
  }

  /**
   * Where a column that should hold numbers holds text, what its text is: a value that does not
   * read as a number (a CSV's {@code NA}, or {@code 0,9} of a decimal comma), or that its values
   * are numbers written as text; "" for a column of another type, or of no values.
   */
  private String textNote(String name, DataType type) {
    if (!(type instanceof StringType)) {
      return "";
    }
    Column text = ref(name);
    Column number = functions.expr("try_cast(`" + name.replace("`", "``") + "` AS DOUBLE)");
    List<Row> notNumbers = input.select(text).where(text.isNotNull().and(number.isNull())).limit(1).collectAsList();
    if (!notNumbers.isEmpty()) {
      String value = notNumbers.get(0).getString(0);
      return " (it holds '" + Messages.shortened(value, 40) + "', which is not a number"
          + (value.strip().matches("-?[0-9]*,[0-9]+") ? "; numbers are read with a decimal point, not a comma" : "")
          + ")";
    }
    return input.select(text).where(text.isNotNull()).isEmpty() ? ""
        : " (its values are numbers written as text; write them as numbers, or cast them)";
  }

  /** A multiclass label or prediction: a numeric column of class indices, as a double. */
  Column classIndex(String role, String name) {
    if (typeOf(role, name) instanceof StringType) {
      throw wrongType(role, name, DataTypes.StringType, MulticlassSettings.CLASS_INDICES);
    }
    return number(role, name, false);
  }

  /**
   * The positive-class probability: a numeric column, or an ML vector or array of class
   * probabilities, of which the binary aggregate reads element 1.
   */
  Column score(String name) {
    DataType type = typeOf("score", name);
    if (type instanceof NumericType) {
      return ref(name).cast(DataTypes.DoubleType);
    }
    if (isClassProbabilities(type)) {
      return ref(name);
    }
    throw wrongType("score", name, type, BinarySettings.SCORE + textNote(name, type));
  }

  /**
   * The positive-class probability as a double a row: a numeric column as it is, or element 1 of a
   * row's array or ML vector of exactly two class probabilities (null for a row of another length),
   * as the first pass reads {@link #score}; what a refinement pass reads.
   */
  Column positiveClass(String name) {
    Column score = score(name);
    DataType type = typeOf("score", name);
    if (!isClassProbabilities(type)) {
      return score;
    }
    Column values = isVector(type) ? org.apache.spark.ml.functions.vector_to_array(score, "float64") : score;
    return functions.when(functions.size(values).equalTo(2), functions.element_at(values, 2))
        .cast(DataTypes.DoubleType);
  }

  /** Whether the column {@code name} (of {@code role}) is an ML vector or an array of numbers. */
  public boolean holdsNumbers(String role, String name) {
    return isClassProbabilities(typeOf(role, name));
  }

  /** Whether the binary score column holds class probabilities (an array or ML vector) rather than a number. */
  boolean scoresAreClassProbabilities(String name) {
    return isClassProbabilities(typeOf("score", name));
  }

  /** One array of doubles per row: from one array or vector column, or from one column per class. */
  Column probabilities(List<String> names) {
    if (names.size() == 1) {
      String name = names.get(0);
      DataType type = typeOf("probabilities", name);
      if (isClassProbabilities(type)) {
        return ref(name);
      }
      throw wrongType("probabilities", name, type,
          "an array of numbers, an ML vector, or a comma list of numeric columns (one per class)");
    }
    List<Column> perClass = new ArrayList<>();
    for (String name : names) {
      perClass.add(number("probabilities", name, false));
    }
    return array(perClass.toArray(new Column[0]));
  }

  /** An array of numbers a row (a multilabel row's true or predicted labels). */
  Column numbers(String role, String name) {
    DataType type = typeOf(role, name);
    if (isNumericArray(type)) {
      return ref(name);
    }
    throw wrongType(role, name, type, "an array of numbers (one a label)");
  }

  /**
   * A ranking's relevant items (the column {@code label}) and predicted items ({@code prediction}):
   * two arrays of numbers, or two of strings, each item compared as it is.
   */
  Column[] items(String label, String prediction) {
    DataType relevant = typeOf("label", label);
    DataType predicted = typeOf("prediction", prediction);
    String expected = "an array of item ids (numbers or strings)";
    if (!isNumericArray(relevant) && !isStringArray(relevant)) {
      throw wrongType("label", label, relevant, expected);
    }
    if (!isNumericArray(predicted) && !isStringArray(predicted)) {
      throw wrongType("prediction", prediction, predicted, expected);
    }
    if (isStringArray(relevant) != isStringArray(predicted)) {
      throw new BadDataException("the label column '" + label + "' has type " + relevant.simpleString() + " and the"
          + " prediction column '" + prediction + "' " + predicted.simpleString() + "; a string item is never a number,"
          + " so give both as arrays of strings or both as arrays of numbers");
    }
    return new Column[] {ref(label), ref(prediction)};
  }

  private static boolean isStringArray(DataType type) {
    return type instanceof ArrayType && ((ArrayType) type).elementType() instanceof StringType;
  }

  /** One number column per label, as an array a row; booleans read as 0 and 1 where {@code booleanOk}. */
  Column perLabel(String role, List<String> names, boolean booleanOk) {
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(number(role, name, booleanOk));
    }
    return array(columns.toArray(new Column[0]));
  }

  /** One ML vector, or one array of numbers as an array of doubles, per row. */
  public Column vector(String role, String name) {
    DataType type = typeOf(role, name);
    if (isVector(type)) {
      return ref(name);
    }
    if (isNumericArray(type)) {
      return ref(name).cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    throw wrongType(role, name, type, "an ML vector or an array of numbers");
  }

  /** The slice columns, each checked to be a {@link #key} column. */
  Column[] slices(List<String> names) {
    Column[] out = new Column[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = key("slice-by", names.get(i));
    }
    return out;
  }

  /**
   * A column whose values name slices or models: strings, numbers, booleans, dates or timestamps,
   * each value of which has one text in the history and in folder names. Bytes, arrays, structs and
   * maps have none (an array's text differs between Spark lines; bytes would be shown by address).
   * A date or timestamp is read as the text Spark shows for it ({@code 2026-01-02 19:00:00.5}, in
   * the session's time zone), whatever the driver's own zone: the JVM's text of a timestamp is in
   * the JVM's zone, and one without a zone it writes as {@code 2026-01-02T10:00}. Two instants that
   * a zone's clock shows alike (an hour of a move back from summer time) are one slice.
   */
  public Column key(String role, String name) {
    DataType type = typeOf(role, name);
    if (type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType) {
      return ref(name).cast(DataTypes.StringType).as(name);
    }
    if (type instanceof StringType || type instanceof NumericType || type instanceof BooleanType
        || type instanceof NullType) {
      return ref(name);
    }
    throw wrongType(role, name, type, "a column of strings, numbers, booleans, dates or timestamps, whose values"
        + " name the " + (role.equals("model") ? "models" : "slices"));
  }

  /** A column of any type, named for {@code role} (an option) in the error when the input has none of that name. */
  Column column(String role, String name) {
    typeOf(role, name);
    return ref(name);
  }

  /** The named columns as stored, for {@link io.evalspark.sql.ColumnarPass}. */
  Dataset<Row> stored(List<String> names) {
    return input.select(names.stream().map(InputColumns::ref).toArray(Column[]::new));
  }

  private DataType typeOf(String role, String name) {
    for (StructField f : input.schema().fields()) {
      if (f.name().equals(name)) {
        return f.dataType();
      }
    }
    String near = Arrays.stream(input.columns()).filter(c -> c.strip().equalsIgnoreCase(name.strip())).findFirst()
        .orElse(null);
    throw new BadDataException("the " + role + " column '" + name + "' does not exist"
        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; the input has columns: " + described(input.schema())
        + separatedOtherwise(input.columns()) + namedTwice(name, input.columns()) + headerOfNumbers(input.columns()));
  }

  /**
   * Where every column is named by a number, as a CSV without a header line is read (its first row
   * taken for the header), a note saying so; "" otherwise.
   */
  private static String headerOfNumbers(String[] columns) {
    for (String c : columns) {
      try {
        Double.parseDouble(c.strip());
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return columns.length == 0 ? "" : " (every column is named by a number: is the file's first line a row? --format csv"
        + " reads the first line as the header of names)";
  }

  /**
   * Where a CSV's header names {@code name} more than once, a note saying so: Spark reads each such
   * column as the name followed by its place in the header ({@code score1}, {@code score2}), and none
   * as {@code name}; "" otherwise.
   */
  private static String namedTwice(String name, String[] columns) {
    List<String> renamed = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equalsIgnoreCase(name + i)) {
        renamed.add(columns[i]);
      }
    }
    return renamed.size() < 2 ? "" : " (the header names '" + name + "' " + renamed.size() + " times, and Spark"
        + " reads those columns as " + String.join(", ", renamed) + ": give each a name of its own)";
  }

  /**
   * Where the input's one column is named like a header of other separators ({@code label;score}, a
   * CSV of semicolons or tabs read as one column of commas), a note saying so; "" otherwise.
   */
  private static String separatedOtherwise(String[] columns) {
    for (String separator : List.of(";", "\t", "|")) {
      if (columns.length == 1 && columns[0].contains(separator)) {
        String shown = separator.equals("\t") ? "tabs" : "'" + separator + "'";
        return " (one column, whose name holds " + shown + ": are the file's values separated by " + shown + "?"
            + " give --separator '" + (separator.equals("\t") ? "\\t" : separator) + "')";
      }
    }
    return "";
  }

  /** A column's name as a list shows it: quoted where spaces begin or end it, or it is empty, so that they show. */
  private static String shown(String name) {
    return name.isEmpty() || !name.strip().equals(name) ? "'" + name + "'" : name;
  }

  /** The columns' names, a struct's with its fields' as a nested name reads them: {@code pred (pred.score, pred.model)}. */
  private static String described(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (f.dataType() instanceof StructType struct) {
        List<String> fields = new ArrayList<>();
        for (String field : struct.fieldNames()) {
          fields.add(shown(f.name() + "." + field));
        }
        out.add(shown(f.name()) + " (" + String.join(", ", fields) + ")");
      } else {
        out.add(shown(f.name()));
      }
    }
    return String.join(", ", out);
  }

  /** Whether a column of this type holds class probabilities a row: an ML vector or an array of numbers. */
  private static boolean isClassProbabilities(DataType type) {
    return isVector(type) || isNumericArray(type);
  }

  private static boolean isVector(DataType type) {
    return type.equals(SQLDataTypes.VectorType());
  }

  private static boolean isNumericArray(DataType type) {
    return type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType;
  }

  /** The column of that name as it is, backquoted so that a dot or a space in the name stays part of it. */
  public static Column ref(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /**
   * {@code e}, a column of {@code rows} that cannot be read, said as what is really wrong where
   * {@code rows} has no row: a header-only CSV's columns are strings, from which no number is read.
   * {@code purpose} says what the rows were for ("evaluate", "train on").
   */
  public static BadDataException whereNoRows(BadDataException e, Dataset<Row> rows, String purpose) {
    return !rows.isEmpty() ? e : new BadDataException("no rows to " + purpose
        + ": the input has none, so its columns cannot be read as numbers (" + e.getMessage() + ")");
  }

  private static BadDataException wrongType(String role, String name, DataType type, String expected) {
    return new BadDataException("the " + role + " column '" + name + "' has type " + type.simpleString()
        + "; expected " + expected);
  }
}
