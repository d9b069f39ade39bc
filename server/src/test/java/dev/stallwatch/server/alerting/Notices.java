package dev.stallwatch.server.alerting;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Instant;
import java.util.List;

/** One resource-saver incident on dev-laptop-07 and its alert, firing and resolved. */
final class Notices {

  static final Instant ONSET = Instant.parse("2026-05-04T10:15:00Z");
  static final Instant RESOLVED_AT = Instant.parse("2026-05-04T10:19:00Z");

  private Notices() {}

  static Incident incident() {
    return new Incident(
        "inc-42",
        "dev-laptop-07",
        "resource-saver-gradual",
        "Resource Saver froze the VM",
        Incident.Status.OPEN,
        Severity.CRITICAL,
        ONSET,
        ONSET,
        ONSET,
        null,
        0.9,
        List.of(),
        List.of(),
        new HostContext(
            "2.5.7.0", "6.6.87.2", "10.0.26100", "4.42.0", "gradual", CgroupLayout.V2, true, true),
        List.of(KnownIssueRef.of("microsoft/WSL#10800"), KnownIssueRef.of("docker/for-win#14000")),
        "Set autoMemoryReclaim=dropcache.");
  }

  static AlertNotice firing() {
    return new AlertNotice(
        new Alert(
            "dev-laptop-07/resource-saver-gradual",
            "dev-laptop-07",
            "resource-saver-gradual",
            Alert.Status.FIRING,
            Severity.CRITICAL,
            "Resource Saver froze the VM",
            "inc-42",
            ONSET,
            null),
        incident());
  }

  static AlertNotice resolved() {
    Alert firing = firing().alert();
    return new AlertNotice(
        new Alert(
            firing.fingerprint(),
            firing.host(),
            firing.rule(),
            Alert.Status.RESOLVED,
            firing.severity(),
            firing.summary(),
            firing.incidentId(),
            ONSET,
            RESOLVED_AT),
        incident());
  }
}
