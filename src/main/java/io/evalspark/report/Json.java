package io.evalspark.report;

import io.evalspark.metrics.Curve;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for report values: maps, lists, strings, numbers, booleans, null, double
 * arrays and curves. Non-finite numbers (an undefined metric) are written as null.
 */
public final class Json {
  private Json() {}

  /** The JSON text of {@code value}, indented by two spaces per level. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object v, StringBuilder out, int depth) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String) {
      string((String) v, out);
    } else if (v instanceof Double || v instanceof Float) {
      number(((Number) v).doubleValue(), out);
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Map) {
      object((Map<?, ?>) v, out, depth);
    } else if (v instanceof List) {
      list((List<?>) v, out, depth);
    } else if (v instanceof double[]) {
      out.append('[');
      double[] a = (double[]) v;
      for (int i = 0; i < a.length; i++) {
        out.append(i == 0 ? "" : ", ");
        number(a[i], out);
      }
      out.append(']');
    } else if (v instanceof double[][]) {
      list(List.of((Object[]) v), out, depth);
    } else if (v instanceof Curve) {
      object(((Curve) v).columns(), out, depth);
    } else {
      string(v.toString(), out);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(first ? "\n" : ",\n");
      indent(out, depth + 1);
      string(String.valueOf(e.getKey()), out);
      out.append(": ");
      write(e.getValue(), out, depth + 1);
      first = false;
    }
    out.append('\n');
    indent(out, depth);
    out.append('}');
  }

  private static void list(List<?> list, StringBuilder out, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n");
      indent(out, depth + 1);
      write(list.get(i), out, depth + 1);
    }
    out.append('\n');
    indent(out, depth);
    out.append(']');
  }

  private static void number(double d, StringBuilder out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }
}
