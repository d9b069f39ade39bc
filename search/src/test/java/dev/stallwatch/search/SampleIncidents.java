package dev.stallwatch.search;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incidents as the topology publishes them, from the hangs in shared/kb-facts.md. */
final class SampleIncidents {

  static final String APT_HANG_ID = "inc-dev-laptop-07-20260412-091504";
  static final String TERMINAL_ID = "inc-build-box-03-20260412-101130";
  static final String FREEZE_ID = "inc-dev-laptop-07-20260411-170002";
  static final String HUNG_TASK_LINE = "INFO: task apt-get:4711 blocked for more than 122 seconds.";

  private SampleIncidents() {}

  /** apt-get hung on dev-laptop-07 4 s after Resource Saver, with gradual reclaim; still open. */
  static Incident aptHangOnLaptop() {
    Instant opened = Instant.parse("2026-04-12T09:15:04Z");
    return new Incident(
        APT_HANG_ID,
        "dev-laptop-07",
        "resource-saver-gradual",
        "apt hung while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
        Incident.Status.OPEN,
        Severity.CRITICAL,
        Instant.parse("2026-04-12T09:13:02Z"),
        opened,
        opened,
        null,
        0.9,
        List.of("hang began 4 s after Resource Saver was entered", "autoMemoryReclaim=gradual"),
        List.of(
            new Evidence(
                "0b7c2a91-5f1e-4c55-9a53-2f7d0c1e8a01",
                "resource_saver",
                Instant.parse("2026-04-12T09:12:58Z"),
                "Docker Desktop entered Resource Saver",
                "[2026-04-12T09:12:58.104Z][com.docker.backend.exe.idle][I] engine paused"),
            new Evidence(
                "6e2d4b70-8c3a-4e0f-b1d2-97a5c3f4e502",
                "hung_task",
                opened,
                "apt-get (pid 4711) blocked for 122 s",
                HUNG_TASK_LINE)),
        new HostContext(
            "2.0.9.0",
            "5.15.133.1-microsoft-standard-WSL2",
            "10.0.22621.3007",
            "4.26.1",
            "gradual",
            CgroupLayout.V2,
            true,
            true),
        List.of(KnownIssueRef.of("microsoft/WSL#11066"), KnownIssueRef.of("microsoft/WSL#10901")),
        "Set autoMemoryReclaim=dropcache under [experimental] in .wslconfig, or turn off Resource"
            + " Saver, then run wsl --shutdown.");
  }

  /** The incident under another id, every instant of it moved {@code later}. */
  static Incident copy(Incident incident, String id, Duration later) {
    return new Incident(
        id,
        incident.host(),
        incident.rule(),
        incident.title(),
        incident.status(),
        incident.severity(),
        incident.onset().plus(later),
        incident.openedAt().plus(later),
        incident.updatedAt().plus(later),
        incident.resolvedAt() == null ? null : incident.resolvedAt().plus(later),
        incident.confidence(),
        incident.confidenceReasons(),
        incident.evidence(),
        incident.context(),
        incident.knownIssues(),
        incident.remediation());
  }

  /** The same incident, resolved when Docker Desktop left Resource Saver. */
  static Incident aptHangResolved() {
    Incident open = aptHangOnLaptop();
    Instant resolved = Instant.parse("2026-04-12T09:21:40Z");
    List<Evidence> evidence = new ArrayList<>(open.evidence());
    evidence.add(
        new Evidence(
            "a41f9e03-2b6d-4f7a-8e1c-5d3b9a7c0f03",
            "resource_saver",
            resolved,
            "Docker Desktop left Resource Saver",
            null));
    return new Incident(
        open.id(),
        open.host(),
        open.rule(),
        open.title(),
        Incident.Status.RESOLVED,
        open.severity(),
        open.onset(),
        open.openedAt(),
        resolved,
        resolved,
        0.95,
        open.confidenceReasons(),
        evidence,
        open.context(),
        open.knownIssues(),
        open.remediation());
  }

  /** A new terminal on build-box-03 failed while Docker Desktop 4.42.0 was paused; resolved. */
  static Incident terminalFailureOnBuildBox() {
    Instant opened = Instant.parse("2026-04-12T10:11:30Z");
    return new Incident(
        TERMINAL_ID,
        "build-box-03",
        "resource-saver-cgroup-freezer",
        "New WSL terminal failed while Docker Desktop was paused in Resource Saver",
        Incident.Status.RESOLVED,
        Severity.CRITICAL,
        Instant.parse("2026-04-12T10:10:55Z"),
        opened,
        Instant.parse("2026-04-12T10:14:02Z"),
        Instant.parse("2026-04-12T10:14:02Z"),
        0.8,
        List.of("distro probe timed out while Resource Saver was active", "cgroup v2"),
        List.of(
            new Evidence(
                "c9d1e7a2-3f4b-4a6c-8d0e-1b2a3c4d5e04",
                "distro_probe",
                opened,
                "wsl -d Ubuntu did not answer within 30 s",
                "Wsl/Service/E_UNEXPECTED")),
        new HostContext(
            "2.5.7.0",
            "6.6.87.2-microsoft-standard-WSL2",
            "10.0.26100.4351",
            "4.42.0",
            null,
            CgroupLayout.V2,
            false,
            true),
        List.of(KnownIssueRef.of("docker/for-win#14827"), KnownIssueRef.of("docker/for-win#14656")),
        "Upgrade Docker Desktop to 4.43.0 or later, or turn off Resource Saver.");
  }

  /** The day before, dev-laptop-07's collector found itself frozen; no rule explains it. */
  static Incident unexplainedFreezeOnLaptop() {
    Instant opened = Instant.parse("2026-04-11T17:00:02Z");
    return new Incident(
        FREEZE_ID,
        "dev-laptop-07",
        "unexplained-hang",
        "Unexplained hang: the collector was frozen for 95 s",
        Incident.Status.RESOLVED,
        Severity.WARNING,
        Instant.parse("2026-04-11T16:58:27Z"),
        opened,
        opened,
        opened,
        0.3,
        List.of("no rule matched"),
        List.of(
            new Evidence(
                "f0e1d2c3-b4a5-4968-8776-655443322105",
                "freeze",
                opened,
                "the collector's scheduler woke 95 s late",
                null)),
        null,
        null,
        null);
  }
}
