package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as rule files write them: a whole number and a unit, {@code 30s}, {@code 10m}. */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([a-zA-Z]+)");

  private Durations() {}

  /**
   * Parses {@code N s|m|h|d}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong, e.g. {@code unknown
   *     unit 'mins'}
   */
  public static Duration parse(String text) {
    Matcher matcher = FORMAT.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (write a number and a unit: 30s, 10m, 2h, 7d)");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default ->
          throw new IllegalArgumentException(
              "unknown unit '" + matcher.group(2) + "' (use s, m, h or d)");
    };
  }

  /** The shortest way to write it back: {@code 90s}, {@code 10m}, {@code 6h}. */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0 && seconds > 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
