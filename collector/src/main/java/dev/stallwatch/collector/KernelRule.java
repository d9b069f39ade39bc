package dev.stallwatch.collector;

import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A kernel log rule, node-problem-detector style: a message the pattern finds becomes an event of
 * the rule's kind. Rules are data ({@link KernelRules} loads them; the shipped ones are in {@code
 * kernel-rules.json}).
 *
 * @param id stable rule id, sent as {@code rule} in {@code kernel_log} events
 * @param pattern searched in the decoded message; see {@link Kind} for the named groups it needs
 * @param partial when not null, a message this finds but {@code pattern} does not is the first half
 *     of a message the kernel split over two records; it is joined with the next one
 */
record KernelRule(String id, Kind kind, Pattern pattern, Pattern partial) {

  /** What a match turns into. */
  enum Kind {
    /** A {@link HungTask} from the named groups comm, pid and seconds. */
    HUNG_TASK(List.of("comm", "pid", "seconds")),
    /** A {@link KernelLog} with the rule id and the whole message. */
    KERNEL_LOG(List.of()),
    /**
     * A {@link Reclaim} inferred from the kernel log, bytes from the named group bytes and, when
     * the pattern has it, the failed write's error number from the group errno.
     */
    RECLAIM(List.of("bytes"));

    final List<String> groups;

    Kind(List<String> groups) {
      this.groups = groups;
    }
  }

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  KernelRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must match " + ID + ", was '" + id + "'");
    }
    Map<String, Integer> groups = pattern.namedGroups();
    if (!groups.keySet().containsAll(kind.groups)) {
      throw new IllegalArgumentException(
          "rule " + id + ": a " + kind + " pattern needs the named groups " + kind.groups);
    }
  }

  /**
   * A rule from its regexes.
   *
   * @param partial may be null
   * @throws IllegalArgumentException naming the rule when a regex does not compile
   */
  static KernelRule of(String id, Kind kind, String regex, String partial) {
    try {
      return new KernelRule(
          id, kind, Pattern.compile(regex), partial == null ? null : Pattern.compile(partial));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("rule " + id + ": bad pattern: " + e.getMessage(), e);
    }
  }

  static KernelRule of(String id, Kind kind, String regex) {
    return of(id, kind, regex, null);
  }

  /** Whether the message looks like the first half of a message this rule would match. */
  boolean startsSplitMessage(String message) {
    return partial != null && partial.matcher(message).find() && !pattern.matcher(message).find();
  }

  /**
   * The event for a message this rule finds, or empty. Takes an envelope only on a match, so
   * unmatched lines leave no gap in {@code seq}.
   *
   * @param priority syslog priority, null when the source has none (dmesg text)
   */
  Optional<TelemetryEvent> match(
      String message, Integer priority, Instant ts, EnvelopeFactory envelopes) {
    Matcher m = pattern.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (kind) {
          case HUNG_TASK -> {
            int pid;
            long seconds;
            try {
              pid = Integer.parseInt(m.group("pid"));
              seconds = Long.parseLong(m.group("seconds"));
            } catch (NumberFormatException e) {
              yield null;
            }
            yield new HungTask(envelopes.next(ts), m.group("comm"), pid, seconds, message);
          }
          case KERNEL_LOG -> new KernelLog(envelopes.next(ts), id, message, priority);
          case RECLAIM ->
              new Reclaim(
                  envelopes.next(ts),
                  bytes(m.group("bytes")),
                  Reclaim.InferredFrom.KERNEL_LOG,
                  message,
                  errno(m));
        });
  }

  private Integer errno(Matcher m) {
    if (!pattern.namedGroups().containsKey("errno") || m.group("errno") == null) {
      return null;
    }
    return Integer.valueOf(m.group("errno"));
  }

  private static Long bytes(String digits) {
    try {
      return digits == null ? null : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
