package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What is known about a host besides its incidents: its context, its recent Resource Saver
 * transitions (sorted by time), the engine's reachability, recent reclaims, liveness and sequence
 * numbers, and the history fleet statistics need. Immutable.
 *
 * @param reclaims times of recent reclaim events, oldest first
 * @param silentSince the host's last event time before it went silent; null while it reports
 * @param incidents incidents of the last 30 days, oldest first
 * @param seen what tells look-alikes apart and what a probable cause lacks
 */
public record HostFacts(
    HostContext context,
    List<Transition> transitions,
    EngineState engine,
    List<Instant> reclaims,
    Instant firstSeen,
    Instant lastSeen,
    Instant lastHeartbeat,
    long lastSeq,
    long missingEvents,
    Instant silentSince,
    List<IncidentMark> incidents,
    Instant lastIncidentAt,
    List<MitigationMark> mitigations,
    Observations seen) {

  static final Duration TRANSITION_HORIZON = Duration.ofHours(24);
  static final Duration RECLAIM_HORIZON = Duration.ofHours(1);
  static final Duration HISTORY = Duration.ofDays(30);
  private static final int MAX_TRANSITIONS = 64;
  private static final int MAX_RECLAIMS = 32;
  private static final int MAX_MARKS = 256;
  private static final int MAX_MITIGATIONS = 8;

  public HostFacts {
    context = context == null ? HostContext.UNKNOWN : context;
    transitions = List.copyOf(transitions);
    reclaims = List.copyOf(reclaims);
    incidents = List.copyOf(incidents);
    mitigations = List.copyOf(mitigations);
    seen = seen == null ? Observations.NONE : seen;
  }

  static HostFacts empty() {
    return new HostFacts(
        HostContext.UNKNOWN,
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        0,
        0,
        null,
        List.of(),
        null,
        List.of(),
        Observations.NONE);
  }

  HostFacts seen(Instant ts, long seq) {
    Instant first = firstSeen == null || ts.isBefore(firstSeen) ? ts : firstSeen;
    Instant last = lastSeen == null || ts.isAfter(lastSeen) ? ts : lastSeen;
    long missing = missingEvents;
    long newest = lastSeq;
    if (seq > lastSeq) {
      missing += lastSeq == 0 ? 0 : seq - lastSeq - 1;
      newest = seq;
    }
    return new HostFacts(
        context,
        transitions,
        engine,
        reclaims,
        first,
        last,
        lastHeartbeat,
        newest,
        missing,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withContext(HostContext newContext, List<MitigationMark> newMitigations) {
    List<MitigationMark> kept = new ArrayList<>(mitigations);
    kept.addAll(newMitigations);
    keepNewest(kept, MAX_MITIGATIONS);
    return new HostFacts(
        newContext,
        transitions,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        kept,
        seen);
  }

  HostFacts withTransition(Transition transition) {
    List<Transition> kept =
        recent(transitions, transition, Transition::at, TRANSITION_HORIZON, MAX_TRANSITIONS);
    return new HostFacts(
        context,
        kept,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withEngine(EngineState newEngine) {
    return new HostFacts(
        context,
        transitions,
        newEngine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withReclaim(Instant at) {
    List<Instant> kept = recent(reclaims, at, t -> t, RECLAIM_HORIZON, MAX_RECLAIMS);
    return new HostFacts(
        context,
        transitions,
        engine,
        kept,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withHeartbeat(Instant at) {
    Instant newest = lastHeartbeat == null || at.isAfter(lastHeartbeat) ? at : lastHeartbeat;
    return new HostFacts(
        context,
        transitions,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        newest,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withSilentSince(Instant since) {
    return new HostFacts(
        context,
        transitions,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        since,
        incidents,
        lastIncidentAt,
        mitigations,
        seen);
  }

  HostFacts withIncident(IncidentMark mark) {
    List<IncidentMark> kept = recent(incidents, mark, IncidentMark::at, HISTORY, MAX_MARKS);
    Instant last =
        lastIncidentAt == null || mark.at().isAfter(lastIncidentAt) ? mark.at() : lastIncidentAt;
    return new HostFacts(
        context,
        transitions,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        kept,
        last,
        mitigations,
        seen);
  }

  HostFacts withSeen(Observations newSeen) {
    return new HostFacts(
        context,
        transitions,
        engine,
        reclaims,
        firstSeen,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        silentSince,
        incidents,
        lastIncidentAt,
        mitigations,
        newSeen);
  }

  /** Whether Docker Desktop is in Resource Saver after the newest transition. */
  boolean resourceSaverActive() {
    return !transitions.isEmpty() && transitions.getLast().entered();
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

  /** The newest entry at or before the instant, if any. */
  Optional<Transition> entryAtOrBefore(Instant instant) {
    Transition found = null;
    for (Transition t : transitions) {
      if (t.at().isAfter(instant)) {
        break;
      }
      if (t.entered()) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The first exit strictly after the instant, if any. */
  Optional<Transition> exitAfter(Instant instant) {
    return transitions.stream()
        .filter(t -> t.state() == ResourceSaver.State.EXITED && t.at().isAfter(instant))
        .findFirst();
  }

  /** Whether any Resource Saver transition is remembered between the two instants, inclusive. */
  boolean anyTransitionBetween(Instant from, Instant to) {
    return transitions.stream().anyMatch(t -> !t.at().isBefore(from) && !t.at().isAfter(to));
  }

  /** The newest reclaim at or before the instant, if any. */
  Optional<Instant> reclaimAtOrBefore(Instant instant) {
    return reclaims.stream().filter(t -> !t.isAfter(instant)).reduce((a, b) -> b);
  }

  /**
   * {@code list} with {@code added}, oldest first, without what is older than {@code horizon}
   * before the newest, and at most the newest {@code max}.
   */
  private static <T> List<T> recent(
      List<T> list, T added, Function<T, Instant> at, Duration horizon, int max) {
    List<T> kept = new ArrayList<>(list);
    kept.add(added);
    kept.sort(Comparator.comparing(at));
    Instant oldest = at.apply(kept.getLast()).minus(horizon);
    kept.removeIf(item -> at.apply(item).isBefore(oldest));
    keepNewest(kept, max);
    return kept;
  }

  /** Drops the oldest (first) items of {@code list} beyond {@code max}. */
  private static void keepNewest(List<?> list, int max) {
    if (list.size() > max) {
      list.subList(0, list.size() - max).clear();
    }
  }
}
