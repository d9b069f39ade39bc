package dev.stallwatch.model.kafka;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic stallwatch reads or writes. */
public final class Topics {

  private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

  /** Collector events, key = host id, value = {@link TelemetryEvent} in the wire format. */
  public static final Topic<String, TelemetryEvent> TELEMETRY =
      new Topic<>(
          "stallwatch.telemetry",
          Serdes.String(),
          new TelemetrySerde(),
          Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())));

  /**
   * Incidents, key = incident id, value = the incident's latest version. Compacted: it is the
   * source of truth the search index is rebuilt from.
   */
  public static final Topic<String, Incident> INCIDENTS =
      new Topic<>(
          "stallwatch.incidents", Serdes.String(), new JsonSerde<>(Incident.class), COMPACTED);

  /** Alerts, key = fingerprint ({@code host/rule}), value = {@link Alert}. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("stallwatch.alerts", Serdes.String(), new JsonSerde<>(Alert.class), Map.of());

  /** Current state of every host, key = host id. Compacted. */
  public static final Topic<String, HostState> HOSTS =
      new Topic<>("stallwatch.hosts", Serdes.String(), new JsonSerde<>(HostState.class), COMPACTED);

  /**
   * Fleet cohorts, key = {@link CohortStats#key()} ({@code wsl=.. dd=.. reclaim=.. rs=..
   * cgroup=..}), value = host counts and incident rate. Compacted.
   */
  public static final Topic<String, CohortStats> COHORTS =
      new Topic<>(
          "stallwatch.cohorts", Serdes.String(), new JsonSerde<>(CohortStats.class), COMPACTED);

  /**
   * Fleet mitigations, key = kind ({@code reclaim-gradual-to-dropcache}, {@code
   * resource-saver-off}), value = hang rates before and after. Compacted.
   */
  public static final Topic<String, MitigationStats> MITIGATIONS =
      new Topic<>(
          "stallwatch.mitigations",
          Serdes.String(),
          new JsonSerde<>(MitigationStats.class),
          COMPACTED);

  /**
   * Records that could not be processed, as they arrived, with the reason and their source
   * coordinates in headers.
   */
  public static final Topic<byte[], byte[]> DEAD_LETTERS =
      new Topic<>(
          "stallwatch.deadletters",
          Serdes.ByteArray(),
          Serdes.ByteArray(),
          Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis())));

  /**
   * Silences, key = silence id, value = the silence's latest version (an ended one stays, with its
   * expiry). Compacted: every server reads all of it at start.
   */
  public static final Topic<String, Silence> SILENCES =
      new Topic<>(
          "stallwatch.silences", Serdes.String(), new JsonSerde<>(Silence.class), COMPACTED);

  /**
   * Acknowledgements, notes and escalations of incidents, key = {@link IncidentAction#key()}.
   * Compacted: a second acknowledgement of an incident replaces the first.
   */
  public static final Topic<String, IncidentAction> INCIDENT_ACTIONS =
      new Topic<>(
          "stallwatch.incident-actions",
          Serdes.String(),
          new JsonSerde<>(IncidentAction.class),
          COMPACTED);

  /** Who changed what through the API, key = the actor; kept for a year. */
  public static final Topic<String, AuditEntry> AUDIT =
      new Topic<>(
          "stallwatch.audit",
          Serdes.String(),
          new JsonSerde<>(AuditEntry.class),
          Map.of("retention.ms", String.valueOf(Duration.ofDays(365).toMillis())));

  public static final List<Topic<?, ?>> ALL =
      List.of(
          TELEMETRY,
          INCIDENTS,
          ALERTS,
          HOSTS,
          COHORTS,
          MITIGATIONS,
          DEAD_LETTERS,
          SILENCES,
          INCIDENT_ACTIONS,
          AUDIT);

  private Topics() {}
}
