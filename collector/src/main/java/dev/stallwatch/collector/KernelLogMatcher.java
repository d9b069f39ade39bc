package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the kernel rules on kernel messages in order, joining a message the kernel split over two
 * records first (see {@link KernelRule#partial}). Used by the live /dev/kmsg source and by dmesg
 * text offline. One thread at a time.
 */
final class KernelLogMatcher {

  private record Message(String text, Integer priority, Instant ts) {}

  private final List<KernelRule> rules;
  private Message pending;

  KernelLogMatcher(List<KernelRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The events for one message; the first half of a split message waits for the next call.
   *
   * @param priority null when the source has none
   */
  List<TelemetryEvent> accept(
      String text, Integer priority, Instant ts, EnvelopeFactory envelopes) {
    Objects.requireNonNull(text, "text");
    List<TelemetryEvent> out = new ArrayList<>();
    Message message = new Message(text, priority, ts);
    if (pending != null) {
      Message first = pending;
      pending = null;
      String joined = join(first.text(), text);
      if (completes(first.text(), joined)) {
        out.addAll(evaluate(new Message(joined, first.priority(), first.ts()), envelopes));
        return out;
      }
      out.addAll(evaluate(first, envelopes));
    }
    if (rules.stream().anyMatch(rule -> rule.startsSplitMessage(text))) {
      pending = message;
      return out;
    }
    out.addAll(evaluate(message, envelopes));
    return out;
  }

  /**
   * The two halves as one message: directly where one half has the space or both are digits (a
   * number cut in two), else with a space.
   */
  static String join(String first, String second) {
    boolean spaced =
        first.isEmpty()
            || second.isEmpty()
            || Character.isWhitespace(first.charAt(first.length() - 1))
            || Character.isWhitespace(second.charAt(0));
    boolean digits =
        !first.isEmpty()
            && !second.isEmpty()
            && Character.isDigit(first.charAt(first.length() - 1))
            && Character.isDigit(second.charAt(0));
    return spaced || digits ? first + second : first + " " + second;
  }

  /** The events of a first half still waiting, at the end of the input. */
  List<TelemetryEvent> flush(EnvelopeFactory envelopes) {
    if (pending == null) {
      return List.of();
    }
    Message first = pending;
    pending = null;
    return evaluate(first, envelopes);
  }

  private boolean completes(String first, String joined) {
    return rules.stream()
        .anyMatch(rule -> rule.startsSplitMessage(first) && rule.pattern().matcher(joined).find());
  }

  private List<TelemetryEvent> evaluate(Message message, EnvelopeFactory envelopes) {
    List<TelemetryEvent> out = new ArrayList<>(1);
    for (KernelRule rule : rules) {
      rule.match(message.text(), message.priority(), message.ts(), envelopes).ifPresent(out::add);
    }
    return out;
  }
}
