package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.server.alerting.AlertGate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What people changed and what the alerts did, as every server reads it back from the topics:
 * incidents (for their host's cohort and for suppression), alert episodes, silences, incident
 * actions and the audit trail. Every collection is bounded. Thread-safe: the feed applies records
 * while the API reads.
 */
public final class TeamState {

  static final int MAX_INCIDENTS = 20_000;
  static final int MAX_SILENCES = 10_000;
  static final int MAX_AUDIT = 10_000;
  static final int MAX_ACTIONS_PER_INCIDENT = 500;

  private final Clock clock;
  private final Map<String, Incident> incidents = new LinkedHashMap<>();
  private final Map<String, Set<String>> incidentsByHost = new HashMap<>();
  private final AlertBoard board = new AlertBoard();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final Map<String, Map<String, IncidentAction>> actions = new HashMap<>();
  // A set: the server that recorded an entry applied it already when the feed reads it back.
  private final LinkedHashSet<AuditEntry> audit = new LinkedHashSet<>();

  public TeamState(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes a new version of an incident.
   *
   * @return the escalation to record when its severity rose since the version seen before and no
   *     server recorded that escalation yet
   */
  public synchronized Optional<IncidentAction> apply(Incident incident) {
    Incident previous = incidents.remove(incident.id());
    incidents.put(incident.id(), incident);
    incidentsByHost.computeIfAbsent(incident.host(), h -> new LinkedHashSet<>()).add(incident.id());
    while (incidents.size() > MAX_INCIDENTS) {
      Incident eldest = incidents.remove(incidents.keySet().iterator().next());
      Set<String> ofHost = incidentsByHost.get(eldest.host());
      ofHost.remove(eldest.id());
      if (ofHost.isEmpty()) {
        incidentsByHost.remove(eldest.host());
      }
    }
    if (previous == null || incident.severity().compareTo(previous.severity()) <= 0) {
      return Optional.empty();
    }
    var escalation =
        new IncidentAction(
            incident.id(),
            IncidentAction.Kind.ESCALATED,
            null,
            "stallwatch",
            incident.updatedAt(),
            incident.severity().wireName());
    boolean known = actions.getOrDefault(incident.id(), Map.of()).containsKey(escalation.key());
    return known ? Optional.empty() : Optional.of(escalation);
  }

  public synchronized void apply(Alert alert) {
    board.apply(alert);
  }

  /**
   * Takes a silence's latest version. One ended early stays ended: the feed may read back the
   * version from before this server ended it.
   */
  public synchronized void apply(Silence silence) {
    Silence current = silences.get(silence.id());
    if (current != null && current.expiredAt() != null && silence.expiredAt() == null) {
      return;
    }
    silences.remove(silence.id());
    silences.put(silence.id(), silence);
    while (silences.size() > MAX_SILENCES) {
      silences.remove(silences.keySet().iterator().next());
    }
  }

  public synchronized void apply(IncidentAction action) {
    Map<String, IncidentAction> ofIncident =
        actions.computeIfAbsent(action.incidentId(), id -> new LinkedHashMap<>());
    ofIncident.put(action.key(), action);
    while (ofIncident.size() > MAX_ACTIONS_PER_INCIDENT) {
      ofIncident.remove(ofIncident.keySet().iterator().next());
    }
  }

  public synchronized void apply(AuditEntry entry) {
    audit.add(entry);
    while (audit.size() > MAX_AUDIT) {
      audit.removeFirst();
    }
  }

  /** Sends an alert only when no silence covers it and no cause explains it. */
  public AlertGate gate() {
    return notice -> status(notice.alert()).sendable();
  }

  /**
   * An alert with its silences and suppression. A firing alert is judged now; a resolved one at its
   * last firing moment, so the resolution of an alert that was never sent is not sent either.
   */
  public synchronized AlertStatus status(Alert alert) {
    return statusAt(alert, judgedAt(alert), untilResolvedEnds());
  }

  /** Every alert episode, the most recently changed first. */
  public synchronized List<AlertStatus> alerts() {
    Map<String, Instant> ends = untilResolvedEnds();
    return board.newestFirst().stream().map(a -> statusAt(a, judgedAt(a), ends)).toList();
  }

  /** Every silence with its state now, the most recently created first. */
  public synchronized List<SilenceView> silences() {
    Map<String, Instant> ends = untilResolvedEnds();
    List<SilenceView> all = new ArrayList<>();
    silences.values().forEach(s -> all.add(view(s, ends)));
    all.sort(Comparator.comparing((SilenceView v) -> v.silence().createdAt()).reversed());
    return all;
  }

  public synchronized Optional<SilenceView> silence(String id) {
    return Optional.ofNullable(silences.get(id)).map(s -> view(s, untilResolvedEnds()));
  }

  /** The incident as last read from the topic, when it is still remembered. */
  public synchronized Optional<Incident> incident(String id) {
    return Optional.ofNullable(incidents.get(id));
  }

  /** The actions on one incident, oldest first. */
  public synchronized List<IncidentAction> actions(String incidentId) {
    List<IncidentAction> list =
        new ArrayList<>(actions.getOrDefault(incidentId, Map.of()).values());
    list.sort(Comparator.comparing(IncidentAction::at));
    return list;
  }

  /** Every acknowledgement, the newest first. */
  public synchronized List<IncidentAction> acknowledgements() {
    List<IncidentAction> acks = new ArrayList<>();
    actions.values().stream()
        .flatMap(byKey -> byKey.values().stream())
        .filter(a -> a.kind() == IncidentAction.Kind.ACKNOWLEDGED)
        .forEach(acks::add);
    acks.sort(Comparator.comparing(IncidentAction::at).reversed());
    return acks;
  }

  /** The audit trail, the newest first. */
  public synchronized List<AuditEntry> audit() {
    return List.copyOf(audit.reversed());
  }

  /** What happened to an incident, in time order. */
  public synchronized List<HistoryEntry> history(Incident incident) {
    return IncidentHistory.of(
        incident,
        actions(incident.id()),
        Optional.ofNullable(board.forIncident(incident.id())).map(this::status));
  }

  private Instant judgedAt(Alert alert) {
    if (alert.status() == Alert.Status.RESOLVED && alert.endsAt() != null) {
      return alert.endsAt().minusMillis(1);
    }
    return clock.instant();
  }

  private AlertStatus statusAt(Alert alert, Instant at, Map<String, Instant> untilResolvedEnds) {
    String cohort = cohortOf(alert);
    List<String> covering = new ArrayList<>();
    for (Silence silence : silences.values()) {
      if (silence.matchers().matches(alert.host(), alert.rule(), cohort)
          && silencesAt(silence, at, untilResolvedEnds)) {
        covering.add(silence.id());
      }
    }
    return new AlertStatus(alert, cohort, covering, suppressorOf(alert));
  }

  private Suppressor suppressorOf(Alert alert) {
    List<Incident> ofHost = new ArrayList<>();
    incidentsByHost
        .getOrDefault(alert.host(), Set.of())
        .forEach(id -> ofHost.add(incidents.get(id)));
    return CauseSuppression.suppressor(alert, ofHost);
  }

  private String cohortOf(Alert alert) {
    Incident incident = alert.incidentId() == null ? null : incidents.get(alert.incidentId());
    return incident == null ? null : CohortStats.emptyFor(incident.context()).key();
  }

  private static boolean silencesAt(
      Silence silence, Instant at, Map<String, Instant> untilResolvedEnds) {
    if (!silence.activeAt(at)) {
      return false;
    }
    Instant ended = untilResolvedEnds.get(silence.id());
    return ended == null || at.isBefore(ended);
  }

  private SilenceView view(Silence silence, Map<String, Instant> untilResolvedEnds) {
    Instant now = clock.instant();
    if (now.isBefore(silence.startsAt())) {
      return new SilenceView(silence, "pending", null);
    }
    Instant ended = untilResolvedEnds.get(silence.id());
    if (silence.expiredAt() != null && (ended == null || silence.expiredAt().isBefore(ended))) {
      ended = silence.expiredAt();
    }
    if (ended == null && silence.endsAt() != null) {
      ended = silence.endsAt();
    }
    boolean over = ended != null && !now.isBefore(ended);
    if (over) {
      return new SilenceView(silence, "expired", ended);
    }
    boolean between = silence.repeat() != null && !silence.repeat().covers(now);
    return new SilenceView(silence, between ? "pending" : "active", null);
  }

  /**
   * When each "until resolved" silence ended: once it covered an alert and every alert it covered
   * since its start has resolved, at the last resolution. Absent while it has not ended.
   */
  private Map<String, Instant> untilResolvedEnds() {
    Map<String, Instant> ends = new HashMap<>();
    List<Alert> episodes = null;
    for (Silence silence : silences.values()) {
      if (!silence.untilResolved()) {
        continue;
      }
      if (episodes == null) {
        episodes = board.newestFirst();
      }
      UntilResolved.end(silence, episodes, this::cohortOf)
          .ifPresent(e -> ends.put(silence.id(), e));
    }
    return ends;
  }
}
