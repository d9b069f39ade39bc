package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Severity;
import dev.stallwatch.model.team.MaintenanceWindow;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.model.team.SilenceMatchers;
import java.time.Instant;
import java.util.List;

/**
 * Incidents and their alerts as the analyzer publishes them, and silences as the API makes them.
 */
final class TeamFixtures {

  static final HostContext GRADUAL_ON_4_42_0 =
      new HostContext(
          "2.5.7.0",
          "6.6.87.2-microsoft-standard-WSL2",
          "10.0.26100.4351",
          "4.42.0",
          "gradual",
          CgroupLayout.V2,
          true,
          true);

  private TeamFixtures() {}

  static Incident incident(
      String id, String host, String rule, Severity severity, Instant onset, Instant resolvedAt) {
    return new Incident(
        id,
        host,
        rule,
        rule + " on " + host,
        resolvedAt == null ? Incident.Status.OPEN : Incident.Status.RESOLVED,
        severity,
        onset,
        onset.plusSeconds(5),
        resolvedAt == null ? onset.plusSeconds(5) : resolvedAt,
        resolvedAt,
        0.8,
        List.of("hang began 4 s after Resource Saver was entered"),
        List.of(),
        GRADUAL_ON_4_42_0,
        List.of(),
        "Turn off Resource Saver.");
  }

  /** The alert the analyzer writes for {@code incident}: firing while open, then resolved. */
  static Alert alertOf(Incident incident) {
    boolean open = incident.resolvedAt() == null;
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        open ? Alert.Status.FIRING : Alert.Status.RESOLVED,
        incident.severity(),
        incident.title(),
        incident.id(),
        incident.openedAt(),
        incident.resolvedAt());
  }

  static Silence silence(
      String id,
      SilenceMatchers matchers,
      Instant startsAt,
      Instant endsAt,
      boolean untilResolved,
      MaintenanceWindow repeat) {
    return new Silence(
        id,
        matchers,
        startsAt,
        endsAt,
        untilResolved,
        repeat,
        "anna (token)",
        "upgrading Docker Desktop",
        startsAt,
        null,
        null);
  }
}
