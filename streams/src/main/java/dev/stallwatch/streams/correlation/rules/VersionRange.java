package dev.stallwatch.streams.correlation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range as rule files write it: comparisons joined by spaces, all of which must hold,
 * e.g. {@code ">=2.0.0 <2.5.1"}. Versions compare part by part as numbers ({@code 4.9 < 4.43});
 * missing parts count as 0; anything after the numbers ({@code -rc1}) is ignored.
 */
public record VersionRange(String text, List<Bound> bounds) {

  private static final Pattern BOUND = Pattern.compile("(<=|>=|<|>|=)?(\\d+(?:\\.\\d+)*)");
  private static final Pattern LEADING_NUMBERS = Pattern.compile("^\\s*v?(\\d+(?:\\.\\d+)*)");

  /** One comparison of a range. */
  public record Bound(String operator, List<Integer> version) {}

  public VersionRange {
    bounds = List.copyOf(bounds);
  }

  /**
   * @throws IllegalArgumentException naming the part that is not a comparison
   */
  public static VersionRange parse(String text) {
    List<Bound> bounds = new ArrayList<>();
    for (String part : text.strip().split("\\s+")) {
      Matcher matcher = BOUND.matcher(part);
      if (part.isEmpty() || !matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + part + "' is not a version comparison (write e.g. '<4.43.0' or '>=2.0 <2.5.1')");
      }
      String operator = matcher.group(1) == null ? "=" : matcher.group(1);
      bounds.add(new Bound(operator, numbers(matcher.group(2))));
    }
    return new VersionRange(text.strip(), bounds);
  }

  /** Whether the version satisfies every bound; an unreadable or missing version never does. */
  public boolean contains(String version) {
    if (version == null) {
      return false;
    }
    Matcher matcher = LEADING_NUMBERS.matcher(version);
    if (!matcher.find()) {
      return false;
    }
    List<Integer> actual = numbers(matcher.group(1));
    for (Bound bound : bounds) {
      int cmp = compare(actual, bound.version());
      boolean ok =
          switch (bound.operator()) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> cmp == 0;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int x = i < a.size() ? a.get(i) : 0;
      int y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static List<Integer> numbers(String dotted) {
    List<Integer> parts = new ArrayList<>();
    for (String part : dotted.split("\\.")) {
      parts.add(Integer.parseInt(part.length() > 9 ? part.substring(0, 9) : part));
    }
    return parts;
  }
}
