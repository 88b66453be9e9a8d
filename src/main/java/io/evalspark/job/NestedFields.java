package io.evalspark.job;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names that reach into structs, as Spark's {@code col("pred.score")} does: a name that is no
 * column of the input but a path of struct fields (the field {@code score} of a struct column {@code
 * pred}) is read as a column of its own, named as written. A column whose own name holds the dot is
 * read first, as a CSV header's {@code pred.score} is.
 */
public final class NestedFields {
  private NestedFields() {}

  /**
   * {@code rows} with a column for each of {@code names} that is a path of struct fields rather than
   * a column (added last, named as written); the names that are columns, and those that are neither
   * (which the checks of the columns then name), leave it as it is.
   */
  public static Dataset<Row> lift(Dataset<Row> rows, Collection<String> names) {
    Dataset<Row> out = rows;
    for (Map.Entry<String, List<String>> field : paths(rows, names).entrySet()) {
      out = out.withColumn(field.getKey(), col(quoted(field.getValue())));
    }
    return out;
  }

  /** The names of {@code names} that {@link #lift} adds to {@code rows} as columns, in their order. */
  public static Set<String> added(Dataset<Row> rows, Collection<String> names) {
    return paths(rows, names).keySet();
  }

  /** Each of {@code names} that is no column of {@code rows} but a path of struct fields, with that path. */
  private static Map<String, List<String>> paths(Dataset<Row> rows, Collection<String> names) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> columns = Arrays.asList(rows.columns());
    for (String name : names) {
      List<String> path = name == null || columns.contains(name) ? null : path(rows.schema(), name);
      if (path != null) {
        out.put(name, path);
      }
    }
    return out;
  }

  /** The fields from the top that {@code name} reaches, each named by one or more of its dot-separated parts; null where none. */
  static List<String> path(StructType schema, String name) {
    return walk(schema, name.split("\\.", -1), 0);
  }

  private static List<String> walk(DataType type, String[] parts, int from) {
    if (from == parts.length) {
      return new ArrayList<>();
    }
    if (!(type instanceof StructType struct)) {
      return null;
    }
    for (int to = parts.length; to > from; to--) { // the longest field name first: "a.b" before "a"
      String field = String.join(".", Arrays.copyOfRange(parts, from, to));
      for (StructField f : struct.fields()) {
        List<String> rest = f.name().equals(field) ? walk(f.dataType(), parts, to) : null;
        if (rest != null) {
          rest.add(0, field);
          return rest;
        }
      }
    }
    return null;
  }

  private static String quoted(List<String> path) {
    List<String> parts = new ArrayList<>();
    for (String field : path) {
      parts.add("`" + field.replace("`", "``") + "`");
    }
    return String.join(".", parts);
  }
}
