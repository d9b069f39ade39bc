package dev.stallwatch.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses /proc/meminfo: lines {@code Key: value kB}, the HugePages_* counts without a unit. Lines
 * of another shape are skipped; text with no MemTotal is not meminfo.
 */
final class MemInfoParser {

  // Keys contain letters, digits, '_' and parentheses (Active(anon)); the only unit is kB.
  private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_()]+):\\s+(\\d{1,18})(?: kB)?");

  private MemInfoParser() {}

  /**
   * The values by key, in kB (HugePages_Total/Free/Rsvd/Surp: counts), in file order.
   *
   * @throws FormatException when the text has no parsable MemTotal line
   */
  static Map<String, Long> parse(String text) throws FormatException {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        values.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    if (!values.containsKey("MemTotal")) {
      throw new FormatException(
          "not /proc/meminfo: no 'MemTotal: N kB' line in " + SourceFiles.excerpt(text));
    }
    return values;
  }
}
