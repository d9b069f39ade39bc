package dev.stallwatch.model.team;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Which alerts a silence covers. Every matcher given must match; a missing one matches anything.
 *
 * @param host a host id, or a pattern with {@code *} ({@code build-box-*})
 * @param rule a rule id, or a pattern with {@code *} ({@code resource-saver-*})
 * @param cohort one or more {@code key=value} words of the cohort key, all of which the host's
 *     cohort must have, e.g. {@code dd=4.42.0 reclaim=gradual}
 */
public record SilenceMatchers(String host, String rule, String cohort) {

  private static final int MAX_LENGTH = 200;

  public SilenceMatchers {
    host = checked("host", host);
    rule = checked("rule", rule);
    cohort = checked("cohort", cohort);
    if (host == null && rule == null && cohort == null) {
      throw new IllegalArgumentException(
          "a silence needs at least one matcher: host, rule or cohort");
    }
    if (cohort != null) {
      for (String word : cohort.split("\\s+")) {
        if (word.indexOf('=') < 1 || word.endsWith("=")) {
          throw new IllegalArgumentException(
              "the cohort matcher takes key=value words of a cohort key, e.g."
                  + " 'dd=4.42.0 reclaim=gradual'; '"
                  + word
                  + "' is not one");
        }
      }
    }
  }

  /**
   * Whether an alert of {@code host} and {@code rule}, whose host is in cohort {@code cohortKey}
   * (null when not known), is covered.
   */
  public boolean matches(String alertHost, String alertRule, String cohortKey) {
    return glob(host, alertHost) && glob(rule, alertRule) && inCohort(cohortKey);
  }

  private boolean inCohort(String cohortKey) {
    if (cohort == null) {
      return true;
    }
    if (cohortKey == null) {
      return false;
    }
    var words = Arrays.asList(cohortKey.split("\\s+"));
    return Arrays.stream(cohort.split("\\s+")).allMatch(words::contains);
  }

  private static boolean glob(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    if (pattern.indexOf('*') < 0) {
      return pattern.equals(value);
    }
    String regex =
        Arrays.stream(pattern.split("\\*", -1))
            .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
            .reduce((a, b) -> a + ".*" + b)
            .orElse(".*");
    return value.matches(regex);
  }

  private static String checked(String name, String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    if (stripped.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the " + name + " matcher is longer than " + MAX_LENGTH + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the " + name + " matcher holds control characters");
    }
    return stripped;
  }
}
