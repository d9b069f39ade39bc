package dev.stallwatch.server;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * The list routes' {@code format=csv} (RFC 4180). A cell that a spreadsheet would run as a formula
 * ({@code =}, {@code +}, {@code -}, {@code @} first) gets a leading {@code '}: text copied from a
 * machine's logs must stay text there too.
 */
final class Csv {

  private Csv() {}

  /** Whether the request asked for CSV: {@code format=csv}; {@code json} or nothing is JSON. */
  static boolean wanted(Context ctx) {
    String format = ctx.queryParam("format");
    if (format == null || format.equalsIgnoreCase("json")) {
      return false;
    }
    if (format.equalsIgnoreCase("csv")) {
      return true;
    }
    throw new BadRequestResponse("The format parameter is json or csv.");
  }

  /** Answers {@code rows} as a CSV download named {@code name}.csv. */
  static <T> void send(
      Context ctx, String name, List<String> header, List<T> rows, Function<T, List<?>> cells) {
    StringBuilder out = new StringBuilder();
    line(out, header);
    rows.forEach(row -> line(out, cells.apply(row)));
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"stallwatch-" + name + ".csv\"")
        .result(out.toString());
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0
        || text.startsWith("'")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
