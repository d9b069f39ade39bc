package dev.stallwatch.collector;

import dev.stallwatch.model.event.ResourceSaver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Docker Desktop backend log lines that mark entering and leaving Resource Saver. Docker does
 * not document them. One form has been seen in a real log: the {@code idle} component's {@code idle
 * -> busy (was idle for ...; reason: [...])}, written when Docker Desktop wakes, with no level
 * bracket. Everything else is a guess: {@code busy -> idle} by symmetry, and the older defaults
 * from the words such lines are likely to use. All are meant to be replaced in the collector
 * configuration ({@code docker.resourceSaver.entered} and {@code .exited}) once the real lines of a
 * Docker Desktop version are known; the backend API ({@link BackendIdleSource}) is the better
 * source where it answers. Patterns are searched in the message of each log line; exit patterns are
 * tried first.
 */
record ResourceSaverPatterns(List<Pattern> entered, List<Pattern> exited) {

  /** Documented defaults; see docs/collector.md. */
  static final List<String> DEFAULT_ENTERED =
      List.of(
          "^\\s*busy -> idle\\b",
          "(?i)\\b(entering|entered|starting|started|activating|activated) resource ?saver",
          "(?i)resource ?saver (mode )?(is )?(on|enabled|active|activated|entered|started)\\b",
          "(?i)\\bidle\\b.*\\b(pausing|paused) (the )?(engine|vm|docker)");

  static final List<String> DEFAULT_EXITED =
      List.of(
          "^\\s*idle -> busy\\b",
          "(?i)\\b(exiting|exited|leaving|left|stopping|stopped|deactivating|deactivated)"
              + " resource ?saver",
          "(?i)resource ?saver (mode )?(is )?(off|disabled|inactive|deactivated|exited|stopped)\\b",
          "(?i)\\b(resuming|resumed|unpausing|unpaused) (the )?(engine|vm|docker)");

  ResourceSaverPatterns {
    entered = List.copyOf(entered);
    exited = List.copyOf(exited);
  }

  static ResourceSaverPatterns defaults() {
    return compile(DEFAULT_ENTERED, DEFAULT_EXITED);
  }

  /**
   * @throws java.util.regex.PatternSyntaxException for a bad regex
   */
  static ResourceSaverPatterns compile(List<String> entered, List<String> exited) {
    return new ResourceSaverPatterns(
        entered.stream().map(Pattern::compile).toList(),
        exited.stream().map(Pattern::compile).toList());
  }

  /** The transition a log message shows, if any. */
  Optional<ResourceSaver.State> match(String message) {
    Objects.requireNonNull(message, "message");
    if (exited.stream().anyMatch(p -> p.matcher(message).find())) {
      return Optional.of(ResourceSaver.State.EXITED);
    }
    if (entered.stream().anyMatch(p -> p.matcher(message).find())) {
      return Optional.of(ResourceSaver.State.ENTERED);
    }
    return Optional.empty();
  }
}
