package dev.stallwatch.collector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the INI files WSL reads ({@code .wslconfig}, {@code /etc/wsl.conf}): {@code [section]}
 * headers, {@code key = value} lines, {@code #} and {@code ;} comments, CRLF line ends and a UTF-8
 * byte-order mark. Keys and sections are case-insensitive, so they come out in lower case as {@code
 * section.key}; values keep their case with surrounding quotes and spaces removed.
 */
final class IniParser {

  private IniParser() {}

  static Map<String, String> parse(String text, Problems problems) {
    Map<String, String> values = new LinkedHashMap<>();
    String section = null;
    String[] lines = text.replace("\uFEFF", "").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        problems.report(i + 1, "not '[section]' or 'key=value': " + SourceFiles.excerpt(line));
        continue;
      }
      if (section == null) {
        problems.report(
            i + 1, "key outside any [section] (WSL ignores it): " + SourceFiles.excerpt(line));
        continue;
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      values.put(section + "." + key, unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
