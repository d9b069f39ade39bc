package dev.stallwatch.collector;

import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A kernel log rule, node-problem-detector style: a message the pattern finds becomes an event of
 * the rule's kind. Rules are data; {@link #SHIPPED} lists the ones the collector runs with.
 *
 * @param id stable rule id, sent as {@code rule} in {@code kernel_log} events
 * @param pattern searched in the decoded message; a {@link Kind#HUNG_TASK} pattern must have the
 *     named groups {@code comm}, {@code pid} and {@code seconds}
 */
record KernelRule(String id, Kind kind, Pattern pattern) {

  /** What a match turns into. */
  enum Kind {
    /** A {@link HungTask} from the groups comm, pid and seconds. */
    HUNG_TASK,
    /** A {@link KernelLog} with the rule id and the whole message. */
    KERNEL_LOG
  }

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final List<String> HUNG_TASK_GROUPS = List.of("comm", "pid", "seconds");

  /** kernel/hung_task.c; COMM may contain spaces and colons, PID is at most 7 digits. */
  static final KernelRule HUNG_TASK_RULE =
      of(
          "hung_task",
          Kind.HUNG_TASK,
          "^INFO: task (?<comm>.+):(?<pid>\\d{1,7}) blocked for more than (?<seconds>\\d{1,12})"
              + " seconds\\.");

  /** The rules the collector ships with. */
  static final List<KernelRule> SHIPPED = List.of(HUNG_TASK_RULE);

  KernelRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must match " + ID + ", was '" + id + "'");
    }
    if (kind == Kind.HUNG_TASK && !pattern.namedGroups().keySet().containsAll(HUNG_TASK_GROUPS)) {
      throw new IllegalArgumentException(
          "rule " + id + ": a HUNG_TASK pattern needs the named groups " + HUNG_TASK_GROUPS);
    }
  }

  /**
   * A rule from its regex.
   *
   * @throws IllegalArgumentException naming the rule when the regex does not compile
   */
  static KernelRule of(String id, Kind kind, String regex) {
    try {
      return new KernelRule(id, kind, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("rule " + id + ": bad pattern: " + e.getMessage(), e);
    }
  }

  /**
   * The event for a record whose message this rule finds, or empty. Takes an envelope only on a
   * match, so unmatched lines leave no gap in {@code seq}.
   */
  Optional<TelemetryEvent> match(KmsgRecord record, Instant ts, EnvelopeFactory envelopes) {
    Matcher m = pattern.matcher(record.message());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        switch (kind) {
          case HUNG_TASK ->
              new HungTask(
                  envelopes.next(ts),
                  m.group("comm"),
                  Integer.parseInt(m.group("pid")),
                  Long.parseLong(m.group("seconds")),
                  record.message());
          case KERNEL_LOG ->
              new KernelLog(envelopes.next(ts), id, record.message(), record.priority());
        });
  }
}
