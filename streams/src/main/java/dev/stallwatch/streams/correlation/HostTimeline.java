package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the correlator remembers about one host between events: its context, its recent Resource
 * Saver transitions (sorted by time) and its open incidents. Immutable; each step returns a new
 * one.
 *
 * @param lastSeen event time of the newest event from the host
 */
public record HostTimeline(
    String host,
    HostContext context,
    List<Transition> transitions,
    List<Incident> open,
    Instant lastSeen) {

  /** How far back transitions are kept: long enough for a hang reported late. */
  static final Duration TRANSITION_HORIZON = Duration.ofHours(6);

  private static final int MAX_TRANSITIONS = 64;

  public HostTimeline {
    context = context == null ? HostContext.UNKNOWN : context;
    transitions = List.copyOf(transitions);
    open = List.copyOf(open);
  }

  static HostTimeline empty(String host) {
    return new HostTimeline(host, HostContext.UNKNOWN, List.of(), List.of(), null);
  }

  HostTimeline withContext(HostContext newContext) {
    return new HostTimeline(host, newContext, transitions, open, lastSeen);
  }

  HostTimeline seen(Instant ts) {
    Instant newest = lastSeen == null || ts.isAfter(lastSeen) ? ts : lastSeen;
    return new HostTimeline(host, context, transitions, open, newest);
  }

  HostTimeline withTransition(Transition transition) {
    List<Transition> kept = new ArrayList<>(transitions);
    kept.add(transition);
    kept.sort(Comparator.comparing(Transition::at));
    Instant horizon = kept.getLast().at().minus(TRANSITION_HORIZON);
    kept.removeIf(t -> t.at().isBefore(horizon));
    while (kept.size() > MAX_TRANSITIONS) {
      kept.removeFirst();
    }
    return new HostTimeline(host, context, kept, open, lastSeen);
  }

  HostTimeline withOpen(List<Incident> newOpen) {
    return new HostTimeline(host, context, transitions, newOpen, lastSeen);
  }

  /** The newest transition at or before the instant, if any is remembered. */
  Optional<Transition> transitionAtOrBefore(Instant instant) {
    Transition found = null;
    for (Transition t : transitions) {
      if (t.at().isAfter(instant)) {
        break;
      }
      found = t;
    }
    return Optional.ofNullable(found);
  }

  /** The first transition strictly after the instant, if any. */
  Optional<Transition> transitionAfter(Instant instant) {
    return transitions.stream().filter(t -> t.at().isAfter(instant)).findFirst();
  }
}
