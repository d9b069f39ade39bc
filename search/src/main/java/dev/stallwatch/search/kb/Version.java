package dev.stallwatch.search.kb;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version such as {@code 4.42.0}, {@code 2.5.7.0} or {@code 6.6.87.2}, compared part by
 * part with missing parts as 0. Whatever follows the numbers ({@code -microsoft-standard-WSL2},
 * {@code (195023)}) is ignored.
 */
record Version(int[] parts, String text) implements Comparable<Version> {

  private static final Pattern LEADING = Pattern.compile("v?(\\d{1,9}(?:\\.\\d{1,9}){0,5})");

  /** The version at the start of {@code text}, if it starts with one. */
  static Optional<Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = LEADING.matcher(text.strip());
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    int[] parts = Arrays.stream(m.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
    return Optional.of(new Version(parts, m.group(1)));
  }

  static boolean isVersion(String text) {
    return text != null && LEADING.matcher(text.strip()).matches();
  }

  /** Whether this version is {@code prefix} or starts with it: {@code 2.0.5.0} has {@code 2.0}. */
  boolean startsWith(Version prefix) {
    if (prefix.parts.length > parts.length) {
      return false;
    }
    return Arrays.equals(parts, 0, prefix.parts.length, prefix.parts, 0, prefix.parts.length);
  }

  @Override
  public int compareTo(Version other) {
    int n = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < n; i++) {
      int a = i < parts.length ? parts[i] : 0;
      int b = i < other.parts.length ? other.parts[i] : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && Arrays.equals(parts, v.parts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(parts);
  }

  @Override
  public String toString() {
    return text;
  }
}
