package dev.stallwatch.server.alerting;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels, annotations and incident link both sinks send for an alert. */
final class AlertContent {

  /** Alertmanager accepts long values, but receivers (chat, pagers) choke on huge ones. */
  private static final int MAX_VALUE = 1024;

  private AlertContent() {}

  /**
   * {@code alertname} (always {@code StallwatchHang}, so one route matches every stallwatch alert),
   * {@code host}, {@code rule}, {@code severity} and {@code cohort} (the fleet cohort key, {@code
   * wsl=.. dd=.. reclaim=.. rs=.. cgroup=..}, when the incident is known). These identify the alert
   * in Alertmanager: they never change between re-sends of one alert.
   */
  static Map<String, String> labels(AlertNotice notice) {
    Alert alert = notice.alert();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", "StallwatchHang");
    labels.put("host", safe(alert.host()));
    labels.put("rule", safe(alert.rule()));
    labels.put("severity", alert.severity().wireName());
    if (notice.incident() != null) {
      labels.put("cohort", safe(CohortStats.emptyFor(notice.incident().context()).key()));
    }
    return labels;
  }

  /** summary, description, known_issues, remediation, runbook_url, incident_id. */
  static Map<String, String> annotations(AlertNotice notice) {
    Alert alert = notice.alert();
    Incident incident = notice.incident();
    Map<String, String> annotations = new LinkedHashMap<>();
    String summary =
        alert.summary() != null ? alert.summary() : alert.rule() + " on " + alert.host();
    annotations.put("summary", safe(summary));
    if (incident != null) {
      annotations.put("description", safe(description(incident)));
      if (!incident.knownIssues().isEmpty()) {
        annotations.put(
            "known_issues",
            safe(
                incident.knownIssues().stream()
                    .map(k -> k.id() + " " + k.url())
                    .collect(Collectors.joining("\n"))));
        KnownIssueRef best = incident.knownIssues().getFirst();
        annotations.put("runbook_url", safe(best.url()));
      }
      if (incident.remediation() != null && !incident.remediation().isBlank()) {
        annotations.put("remediation", safe(incident.remediation()));
      }
    }
    if (alert.incidentId() != null) {
      annotations.put("incident_id", safe(alert.incidentId()));
    }
    return annotations;
  }

  /**
   * The incident in the server's API ({@code BASE/api/incidents/ID}), which the dashboard serves;
   * the dashboard itself when the id is unknown.
   */
  static String generatorUrl(URI dashboard, AlertNotice notice) {
    String base = dashboard.toString().endsWith("/") ? dashboard.toString() : dashboard + "/";
    String id = notice.alert().incidentId();
    if (id == null) {
      return base;
    }
    return base + "api/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static String description(Incident incident) {
    return "%s on %s since %s (confidence %.0f%%)."
        .formatted(
            incident.title(), incident.host(), incident.onset(), incident.confidence() * 100);
  }

  /** Control characters out (they break receivers and log lines), length bounded. */
  static String safe(String value) {
    String clean = value.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
    return clean.length() <= MAX_VALUE ? clean : clean.substring(0, MAX_VALUE - 1) + "…";
  }
}
