package dev.stallwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.KnownIssueRef;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prints incidents for a person (what happened, why, what to do) or as JSON ({@code {"incidents":
 * [...]}}, each incident as on {@code stallwatch.incidents}). Shared by the offline commands.
 */
final class IncidentPrinter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** The JSON document of the offline commands. */
  record Report(List<Incident> incidents) {}

  private IncidentPrinter() {}

  static void json(List<Incident> incidents, PrintWriter out) {
    json(new Report(incidents), out);
  }

  /** Any document of records holding incidents, indented. */
  static void json(Object document, PrintWriter out) {
    try {
      out.println(
          Json.mapper()
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write incidents as JSON", e);
    }
  }

  static void human(List<Incident> incidents, PrintWriter out) {
    if (incidents.isEmpty()) {
      out.println("No incidents.");
      return;
    }
    for (Incident incident : incidents) {
      incident(incident, out);
      out.println();
    }
    long open = incidents.stream().filter(i -> i.status() == Incident.Status.OPEN).count();
    out.printf("%d incident(s), %d still open.%n", incidents.size(), open);
  }

  /** The host id, and its display name when the incident's context has one that says more. */
  static String host(String host, String hostName) {
    return hostName == null || hostName.equals(host) ? host : host + " (" + hostName + ")";
  }

  private static void incident(Incident i, PrintWriter out) {
    out.printf(
        "%s  %s  %s  confidence %.2f%n",
        host(i.host(), i.context().hostName()),
        i.status(),
        i.severity().wireName(),
        i.confidence());
    out.printf("  %s  [%s]%n", i.title(), i.rule());
    out.printf(
        "  began %s, reported %s%s%n",
        time(i.onset()),
        time(i.openedAt()),
        i.resolvedAt() == null ? ", still open" : ", resolved " + time(i.resolvedAt()));
    out.println("  why:");
    i.confidenceReasons().forEach(reason -> out.println("    - " + reason));
    if (i.probable()) {
      out.println("  probable; to confirm it:");
      i.missingEvidence().forEach(missing -> out.println("    - " + missing));
    }
    out.println("  evidence:");
    for (Evidence e : i.evidence()) {
      out.printf("    %s  %-14s %s%n", time(e.ts()), e.type(), e.summary());
      if (e.line() != null && !e.line().isBlank()) {
        out.printf("    %20s %s%n", "", e.line().strip());
      }
    }
    if (!i.knownIssues().isEmpty()) {
      out.println("  known issues:");
      for (KnownIssueRef ref : i.knownIssues()) {
        out.printf("    %-26s %s%n", ref.id(), ref.url());
      }
    }
    if (i.remediation() != null) {
      out.println("  what to do: " + i.remediation());
    }
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }
}
