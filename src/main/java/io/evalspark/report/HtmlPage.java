package io.evalspark.report;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** A self-contained HTML page under construction: headings, tables, and PNG plots inlined as data URIs. */
final class HtmlPage {
  private static final String STYLE = String.join("\n",
      "body{font-family:sans-serif;margin:24px;color:#222}",
      "table{border-collapse:collapse;margin:8px 0 16px}",
      "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "th{background:#f3f3f3}",
      ".wide{overflow-x:auto}",
      ".plots{display:flex;flex-wrap:wrap;gap:12px}",
      "figure{margin:0}",
      ".FAILED{background:#fdd}.PASSED{background:#dfd}.SKIPPED{background:#eee}",
      ".verdict{font-size:1.2em;font-weight:bold}");
  /** Cells written by {@link #number}, aligned right. */
  private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?|n/a");
  private final StringBuilder html = new StringBuilder();

  HtmlPage(String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
  }

  HtmlPage heading(int level, String text) {
    html.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
    return this;
  }

  HtmlPage paragraph(String text, String cssClass) {
    html.append("<p").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append('>')
        .append(escape(text)).append("</p>\n");
    return this;
  }

  /** A table; a row whose first cell is one of PASSED, FAILED, SKIPPED is coloured by it. */
  HtmlPage table(List<String> header, List<List<String>> rows) {
    html.append("<div class=\"wide\"><table>\n<tr>");
    header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr>\n");
    for (List<String> row : rows) {
      String first = row.isEmpty() ? "" : row.get(0);
      boolean verdict = first.equals("PASSED") || first.equals("FAILED") || first.equals("SKIPPED");
      html.append(verdict ? "<tr class=\"" + first + "\">" : "<tr>");
      row.forEach(cell -> html.append(NUMBER.matcher(cell).matches() ? "<td class=\"n\">" : "<td>")
          .append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</table></div>\n");
    return this;
  }

  HtmlPage openPlots() {
    html.append("<div class=\"plots\">\n");
    return this;
  }

  HtmlPage closePlots() {
    html.append("</div>\n");
    return this;
  }

  /** A PNG plot; once decoded, the browser records its size in {@code data-rendered}. */
  HtmlPage plot(String name, byte[] png) {
    html.append("<figure><img class=\"plot\" alt=\"").append(escape(name)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\" onload=\"this.dataset.rendered=this.naturalWidth+'x'+this.naturalHeight\"")
        .append(" onerror=\"this.dataset.rendered='failed'\"></figure>\n");
    return this;
  }

  String finish() {
    return html.append("</body>\n</html>\n").toString();
  }

  static String number(Double v) {
    return ShownValue.of(v, true);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
