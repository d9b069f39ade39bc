package dev.stallwatch.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the cgroup v2 files {@code memory.current} (bytes) and {@code memory.stat}. */
final class CgroupMemoryParser {

  private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");
  private static final Pattern STAT_LINE = Pattern.compile("([a-z0-9_]+) (\\d{1,19})");

  private CgroupMemoryParser() {}

  /**
   * The single number in {@code memory.current}.
   *
   * @throws FormatException when the text is not one non-negative number
   */
  static long parseCurrent(String text) throws FormatException {
    String value = text.strip();
    if (!NUMBER.matcher(value).matches()) {
      throw new FormatException(
          "memory.current: expected a byte count, got " + SourceFiles.excerpt(value));
    }
    Long bytes = toLong(value);
    if (bytes == null) {
      throw new FormatException("memory.current: " + value + " is out of range");
    }
    return bytes;
  }

  /**
   * The {@code key value} lines of {@code memory.stat}, in file order; other lines are skipped.
   *
   * @throws FormatException when no line has that shape
   */
  static Map<String, Long> parseStat(String text) throws FormatException {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      int space = stripped.indexOf(' ');
      // Cheap shape check first; the pattern only confirms lines that look right.
      if (space > 0 && stripped.indexOf(' ', space + 1) < 0) {
        Matcher m = STAT_LINE.matcher(stripped);
        Long value = m.matches() ? toLong(m.group(2)) : null;
        if (value != null) {
          values.putIfAbsent(m.group(1), value);
        }
      }
    }
    if (values.isEmpty()) {
      throw new FormatException("memory.stat: no 'key value' line in " + SourceFiles.excerpt(text));
    }
    return values;
  }

  /** The number, or null when it does not fit a long (nineteen nines). */
  private static Long toLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
