package io.evalspark.job;

import io.evalspark.core.Messages;
import io.evalspark.core.UsageException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;

/**
 * A {@code --where} filter, checked before Spark runs it to be plainly a filter over the input's
 * columns: Spark's own parser reads it, and any subquery, relation, star or function outside a list
 * of deterministic built-ins ({@code reflect}, {@code java_method}, {@code raise_error}, UDFs...) is
 * refused with the name of what was found. Operators (comparisons, AND/OR/NOT, arithmetic, IN,
 * LIKE, BETWEEN, CASE, CAST, IS NULL) are syntax, not functions, and are allowed.
 */
public final class InputFilter {
  /** The functions a filter may call: deterministic, without side effects, reading only their arguments. */
  public static final Set<String> FUNCTIONS = Set.of(
      "abs", "coalesce", "nvl", "nvl2", "ifnull", "nullif", "isnull", "isnotnull", "isnan", "nanvl", "if", "greatest",
      "least", "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "length", "char_length",
      "character_length", "substring", "substr", "left", "right", "concat", "concat_ws", "startswith", "endswith",
      "contains", "instr", "locate", "lpad", "rpad", "replace", "split", "regexp_like", "rlike", "round", "bround",
      "floor", "ceil", "ceiling", "sqrt", "exp", "ln", "log", "log10", "log2", "pow", "power", "mod", "pmod", "sign",
      "signum", "hash", "xxhash64", "crc32", "md5", "sha1", "sha2", "date", "to_date", "to_timestamp", "date_add",
      "date_sub", "datediff", "add_months", "year", "quarter", "month", "day", "dayofmonth", "dayofweek",
      "dayofyear", "weekofyear", "hour", "minute", "second", "date_format", "date_trunc", "trunc", "array_contains",
      "size", "cardinality", "element_at", "map_contains_key", "string", "int", "bigint", "double", "float",
      "boolean", "decimal", "between", "like", "ilike", "extract", "date_part");

  private InputFilter() {}

  /**
   * The rows of {@code input} that {@code filter} keeps; {@code origin} names the filter's
   * evaluation in messages ("evaluation ctr").
   */
  public static Dataset<Row> apply(SparkSession spark, Dataset<Row> input, String filter, String origin) {
    String where = named(filter, origin);
    check(spark, filter, where, origin);
    if (input.columns().length == 0) { // an empty file or folder: no rows to keep, and no columns to name
      return input;
    }
    try {
      return input.where(filter);
    } catch (Exception e) {
      throw new UsageException(where + " is not a filter on its input: " + Messages.firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw tooDeep(filter, origin);
    }
  }

  /**
   * The failure of {@code filter} on a row of its input (a cast that Spark's ANSI mode cannot make, a
   * division by 0), where {@code failure} holds Spark's error pointing into the filter's text; empty
   * for any other failure.
   */
  public static Optional<UsageException> failedOnARow(Throwable failure, String filter, String origin) {
    for (Throwable t : Messages.causes(failure)) {
      if (t instanceof SparkThrowable spark && Arrays.stream(spark.getQueryContext())
          .anyMatch(c -> !c.fragment().isEmpty() && filter.contains(c.fragment()))) {
        return Optional.of(new UsageException(named(filter, origin) + " fails on a row of its input: "
            + Messages.firstLine(t.getMessage())));
      }
    }
    return Optional.empty();
  }

  /** How messages name the filter {@code filter} of {@code origin}: {@code where = "..." of evaluation ctr}. */
  private static String named(String filter, String origin) {
    return "where = \"" + filter + "\" of " + origin;
  }

  /** The error of a filter nested deeper than Spark's parser and analyser can follow. */
  private static UsageException tooDeep(String filter, String origin) {
    return new UsageException(named(Messages.shortened(filter, 60), origin) + " nests too deep for Spark to read"
        + " (parentheses or NOTs within each other, thousands deep); write it with fewer levels");
  }

  /** Refuses a filter that is more than a filter over the input's columns, naming what it holds. */
  private static void check(SparkSession spark, String filter, String where, String origin) {
    Expression parsed;
    try {
      parsed = spark.sessionState().sqlParser().parseExpression(filter);
    } catch (Exception e) {
      throw new UsageException(where + " is not a SQL expression: " + Messages.firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw tooDeep(filter, origin);
    }
    Deque<Expression> open = new ArrayDeque<>();
    open.push(parsed);
    while (!open.isEmpty()) {
      Expression e = open.pop();
      String problem = problem(e);
      if (problem != null) {
        throw new UsageException(where + " " + problem
            + "; a filter may use the input's columns, constants, operators and these functions: "
            + String.join(", ", new TreeSet<>(FUNCTIONS)));
      }
      scala.collection.Iterator<Expression> children = e.children().iterator();
      while (children.hasNext()) {
        open.push(children.next());
      }
    }
  }

  private static String problem(Expression e) {
    if (e instanceof SubqueryExpression) {
      return "holds a subquery (" + e.getClass().getSimpleName() + "), which reads other tables or files";
    }
    if (e instanceof UnresolvedFunction f) {
      String name = f.nameParts().mkString(".").toLowerCase(Locale.ROOT);
      return f.nameParts().size() == 1 && FUNCTIONS.contains(name) ? null
          : "calls the function '" + name + "', which a filter may not call";
    }
    if (e instanceof UnresolvedAttribute || e instanceof UnresolvedExtractValue) {
      return null;
    }
    String type = e.getClass().getName();
    // Operators and literals are resolved expressions already; any other unresolved node (a star, a
    // runtime identifier, a lambda variable) is more than a filter over columns.
    if (type.startsWith("org.apache.spark.sql.catalyst.analysis.") || !e.getClass().getPackageName()
        .equals("org.apache.spark.sql.catalyst.expressions")) {
      return "holds " + e.getClass().getSimpleName() + " (" + Messages.firstLine(e.toString()) + "), which a filter may not hold";
    }
    return null;
  }
}
