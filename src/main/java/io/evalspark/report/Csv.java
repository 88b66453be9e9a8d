package io.evalspark.report;

import java.util.List;
import java.util.StringJoiner;

/** CSV lines as RFC 4180 has them: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
public final class Csv {
  private Csv() {}

  /** One line of cells, with its line break. */
  public static String line(List<String> cells) {
    StringJoiner line = new StringJoiner(",", "", "\n");
    for (String cell : cells) {
      line.add(cell(cell));
    }
    return line.toString();
  }

  private static String cell(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
