package dev.stallwatch.server;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.team.AlertStatus;
import dev.stallwatch.server.team.TeamState;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert history Alertmanager does not keep, the acknowledgements and the audit trail: each a
 * list with the filters of search, as JSON or, with {@code format=csv}, as a CSV download of every
 * match.
 */
final class AlertsApi {

  static final int DEFAULT_LIMIT = 100;
  private static final Set<String> ALERT_STATES =
      Set.of("firing", "resolved", "silenced", "suppressed");

  private final TeamState team;
  private final IncidentIndex index;
  private final Clock clock;

  AlertsApi(TeamState team, IncidentIndex index, Clock clock) {
    this.team = team;
    this.index = index;
    this.clock = clock;
  }

  /** {@code GET /api/alerts}: every alert episode, the most recently changed first. */
  void alerts(Context ctx) {
    ListFilter filter = ListFilter.of(ctx, ALERT_STATES, clock.instant());
    List<AlertStatus> matching =
        filter.apply(
            team.alerts(),
            s -> s.alert().host(),
            s -> s.alert().rule(),
            AlertStatus::state,
            s -> s.alert().startsAt());
    if (Csv.wanted(ctx)) {
      Csv.send(
          ctx,
          "alerts",
          List.of(
              "fingerprint",
              "host",
              "rule",
              "state",
              "severity",
              "startsAt",
              "endsAt",
              "incidentId",
              "summary",
              "cohort",
              "silencedBy",
              "suppressedBy"),
          matching,
          AlertsApi::alertCells);
      return;
    }
    ctx.json(ListFilter.page(ctx, matching, DEFAULT_LIMIT).stream().map(AlertsApi::json).toList());
  }

  /** {@code GET /api/acks}: every acknowledgement, with its incident's host and rule. */
  void acknowledgements(Context ctx) {
    ListFilter filter = ListFilter.of(ctx, Set.of(), clock.instant());
    List<Map<String, Object>> acks = new ArrayList<>();
    for (IncidentAction ack : team.acknowledgements()) {
      var incident = team.incident(ack.incidentId()).or(() -> index.get(ack.incidentId()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("incidentId", ack.incidentId());
      row.put("host", incident.map(i -> i.host()).orElse(null));
      row.put("rule", incident.map(i -> i.rule()).orElse(null));
      row.put("by", ack.by());
      row.put("at", ack.at());
      row.put("comment", ack.text());
      acks.add(row);
    }
    List<Map<String, Object>> matching =
        filter.apply(
            acks,
            r -> (String) r.get("host"),
            r -> (String) r.get("rule"),
            r -> null,
            r -> (Instant) r.get("at"));
    if (Csv.wanted(ctx)) {
      Csv.send(
          ctx,
          "acks",
          List.of("incidentId", "host", "rule", "by", "at", "comment"),
          matching,
          r -> List.copyOf(r.values().stream().map(v -> v == null ? "" : v).toList()));
      return;
    }
    ctx.json(ListFilter.page(ctx, matching, DEFAULT_LIMIT));
  }

  /** {@code GET /api/audit}: who changed what, the newest first; {@code actor} filters. */
  void audit(Context ctx) {
    for (String other : List.of("host", "rule", "status")) {
      if (ctx.queryParam(other) != null) {
        throw new io.javalin.http.BadRequestResponse(
            "The audit trail is filtered by actor and since; it names targets, not hosts or"
                + " rules.");
      }
    }
    ListFilter filter = ListFilter.of(ctx, Set.of(), clock.instant());
    String actor = ctx.queryParam("actor");
    List<AuditEntry> matching =
        filter.apply(team.audit(), e -> null, e -> null, e -> null, AuditEntry::at).stream()
            .filter(e -> actor == null || actor.equals(e.actor()))
            .toList();
    if (Csv.wanted(ctx)) {
      Csv.send(
          ctx,
          "audit",
          List.of("at", "actor", "action", "target", "detail", "remoteAddress"),
          matching,
          e -> List.of(e.at(), e.actor(), e.action(), e.target(), e.detail(), nullSafe(e)));
      return;
    }
    ctx.json(ListFilter.page(ctx, matching, DEFAULT_LIMIT));
  }

  private static String nullSafe(AuditEntry entry) {
    return entry.remoteAddress() == null ? "" : entry.remoteAddress();
  }

  static Map<String, Object> json(AlertStatus status) {
    Alert alert = status.alert();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fingerprint", alert.fingerprint());
    out.put("host", alert.host());
    out.put("rule", alert.rule());
    out.put("status", alert.status() == Alert.Status.FIRING ? "firing" : "resolved");
    out.put("state", status.state());
    out.put("severity", alert.severity());
    out.put("summary", alert.summary());
    out.put("incidentId", alert.incidentId());
    out.put("startsAt", alert.startsAt());
    out.put("endsAt", alert.endsAt());
    out.put("cohort", status.cohort());
    out.put("silencedBy", status.silencedBy());
    out.put("suppressedBy", status.suppressedBy());
    return out;
  }

  private static List<?> alertCells(AlertStatus s) {
    Alert a = s.alert();
    return java.util.Arrays.asList(
        a.fingerprint(),
        a.host(),
        a.rule(),
        s.state(),
        a.severity().wireName(),
        a.startsAt(),
        a.endsAt(),
        a.incidentId(),
        a.summary(),
        s.cohort(),
        String.join(" ", s.silencedBy()),
        s.suppressedBy() == null ? null : s.suppressedBy().incidentId());
  }
}
