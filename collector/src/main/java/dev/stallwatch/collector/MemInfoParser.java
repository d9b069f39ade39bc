package dev.stallwatch.collector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses /proc/meminfo: lines {@code Key: value kB}, the HugePages_* counts without a unit. Lines
 * of another shape are skipped; text with no MemTotal is not meminfo. Written without regular
 * expressions: it runs every second, twice.
 */
final class MemInfoParser {

  private static final int MAX_DIGITS = 18;

  private MemInfoParser() {}

  /**
   * The values by key, in kB (HugePages_Total/Free/Rsvd/Surp: counts), in file order.
   *
   * @throws FormatException when the text has no parsable MemTotal line
   */
  static Map<String, Long> parse(String text) throws FormatException {
    Map<String, Long> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      parseLine(text.substring(start, end).strip(), values);
      start = end + 1;
    }
    if (!values.containsKey("MemTotal")) {
      throw new FormatException(
          "not /proc/meminfo: no 'MemTotal: N kB' line in " + SourceFiles.excerpt(text));
    }
    return values;
  }

  /** {@code Key: 123 kB} or {@code Key: 123}; keys hold letters, digits, '_' and '()'. */
  private static void parseLine(String line, Map<String, Long> values) {
    int colon = line.indexOf(':');
    if (colon <= 0 || !isKey(line, colon)) {
      return;
    }
    int i = colon + 1;
    int spaces = i;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    int digits = i;
    while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
      i++;
    }
    int count = i - digits;
    String rest = line.substring(i);
    if (digits == spaces
        || count == 0
        || count > MAX_DIGITS
        || !(rest.isEmpty() || rest.equals(" kB"))) {
      return;
    }
    values.putIfAbsent(line.substring(0, colon), Long.parseLong(line, digits, i, 10));
  }

  private static boolean isKey(String line, int end) {
    for (int k = 0; k < end; k++) {
      char c = line.charAt(k);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '(' && c != ')') {
        return false;
      }
    }
    return true;
  }
}
