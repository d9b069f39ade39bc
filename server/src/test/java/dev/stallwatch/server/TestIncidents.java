package dev.stallwatch.server;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incidents as the topology publishes them, one of them carrying a hostile log line. */
final class TestIncidents {

  static final String APT_HANG_ID = "inc-dev-laptop-07-20260412-091504";
  static final String TERMINAL_ID = "inc-build-box-03-20260412-101130";
  static final String HOSTILE_ID = "inc-dev-laptop-07-20260412-110000";
  static final String HOSTILE_LINE = "<script>alert(1)</script>";
  static final String PWNED = "window.__stallwatchPwned";
  static final String HASHED_ID = "inc-3f9c2a7d1e8b4c6a-20260412-113000";
  static final String FREEZE_ID = "inc-dev-zoe-20260412-120000";

  private TestIncidents() {}

  static Incident aptHang() {
    return incident(
        APT_HANG_ID,
        "dev-laptop-07",
        "resource-saver-gradual",
        "apt hung while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
        Instant.parse("2026-04-12T09:15:04Z"),
        new Evidence(
            "6e2d4b70-8c3a-4e0f-b1d2-97a5c3f4e502",
            "hung_task",
            Instant.parse("2026-04-12T09:15:04Z"),
            "apt-get (pid 4711) blocked for 122 s",
            "INFO: task apt-get:4711 blocked for more than 122 seconds."),
        KnownIssueRef.of("microsoft/WSL#11066"));
  }

  static Incident terminalFailure() {
    return incident(
        TERMINAL_ID,
        "build-box-03",
        "resource-saver-cgroup-freezer",
        "New WSL terminal failed while Docker Desktop was paused in Resource Saver",
        Instant.parse("2026-04-12T10:11:30Z"),
        new Evidence(
            "c9d1e7a2-3f4b-4a6c-8d0e-1b2a3c4d5e04",
            "distro_probe",
            Instant.parse("2026-04-12T10:11:30Z"),
            "wsl -d Ubuntu did not answer within 30 s",
            "Wsl/Service/E_UNEXPECTED"),
        KnownIssueRef.of("docker/for-win#14827"));
  }

  /**
   * {@code count} apt hangs on {@code host}, one minute apart from {@code first} on, with ids
   * {@code inc-HOST-000}, {@code inc-HOST-001}... in the order they opened.
   */
  static List<Incident> aptHangs(String host, Instant first, int count) {
    List<Incident> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = first.plusSeconds(60L * i);
      out.add(
          incident(
              "inc-%s-%03d".formatted(host, i),
              host,
              "resource-saver-gradual",
              "apt hung while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
              at,
              new Evidence(
                  "6e2d4b70-8c3a-4e0f-b1d2-%012d".formatted(i),
                  "hung_task",
                  at,
                  "apt-get (pid %d) blocked for 122 s".formatted(4000 + i),
                  "INFO: task apt-get:%d blocked for more than 122 seconds.".formatted(4000 + i)),
              KnownIssueRef.of("microsoft/WSL#11066")));
    }
    return out;
  }

  /** A kernel line someone crafted to run script in the dashboard. */
  static Incident hostileLogLine() {
    return incident(
        HOSTILE_ID,
        "dev-laptop-07",
        "unexplained-hang",
        "Unexplained hang: the collector was frozen for 95 s",
        Instant.parse("2026-04-12T11:00:00Z"),
        new Evidence(
            "f0e1d2c3-b4a5-4968-8776-655443322105",
            "kernel_log",
            Instant.parse("2026-04-12T11:00:00Z"),
            "kernel line matched rule rcu-stall",
            HOSTILE_LINE),
        null);
  }

  /** A freeze on a fourth host, opened after every other incident. */
  static Incident freezeOnAnotherHost() {
    Incident base = hostileLogLine();
    return new Incident(
        FREEZE_ID,
        "dev-zoe",
        "vm-freeze",
        "WSL froze while nobody watched",
        base.status(),
        base.severity(),
        base.onset().plusSeconds(3600),
        base.openedAt().plusSeconds(3600),
        base.updatedAt().plusSeconds(3600),
        null,
        0.4,
        List.of("the collector was frozen for 95 s"),
        base.evidence(),
        base.context(),
        List.of(),
        "Wake Docker Desktop.");
  }

  /** The incident with {@code count} hung-task lines as its evidence. */
  static Incident withEvidence(Incident base, int count) {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      evidence.add(
          new Evidence(
              "6e2d4b70-8c3a-4e0f-b1d2-%012d".formatted(i),
              "hung_task",
              base.openedAt().plusSeconds(i),
              "apt-get (pid %d) blocked for 122 s".formatted(5000 + i),
              "INFO: task apt-get:%d blocked for more than 122 seconds.".formatted(5000 + i)));
    }
    return new Incident(
        base.id(),
        base.host(),
        base.rule(),
        base.title(),
        base.status(),
        base.severity(),
        base.onset(),
        base.openedAt(),
        base.updatedAt().plusSeconds(count),
        base.resolvedAt(),
        base.confidence(),
        base.confidenceReasons(),
        evidence,
        base.context(),
        base.knownIssues(),
        base.remediation());
  }

  /** The hostile log line, with a title and a known-issue link that try to run script too. */
  static Incident hostile() {
    Incident base = hostileLogLine();
    return new Incident(
        base.id(),
        base.host(),
        base.rule(),
        hostileTitle(),
        base.status(),
        base.severity(),
        base.onset(),
        base.openedAt(),
        base.updatedAt(),
        base.resolvedAt(),
        base.confidence(),
        base.confidenceReasons(),
        List.of(
            new Evidence(
                "7b1f0c9e-2d3a-4b5c-8e6f-0a1b2c3d4e5f",
                "kernel_log",
                base.openedAt(),
                "kernel line matched rule rcu-stall",
                "<script>" + PWNED + "=true</script>")),
        base.context(),
        List.of(new KnownIssueRef("evil/repo#1", "javascript:" + PWNED + "=true")),
        base.remediation());
  }

  static String hostileTitle() {
    return "<img src=x onerror=\"" + PWNED + "=true\">";
  }

  /**
   * The terminal failure on a host whose id is a hash of its machine id, with the name its
   * collector reported.
   */
  static Incident onHashedHost(String hostId, String hostName) {
    Incident base = terminalFailure();
    HostContext c = base.context();
    return new Incident(
        HASHED_ID,
        hostId,
        base.rule(),
        base.title(),
        base.status(),
        base.severity(),
        base.onset().plusSeconds(1200),
        base.openedAt().plusSeconds(1200),
        base.updatedAt().plusSeconds(1200),
        null,
        base.confidence(),
        base.confidenceReasons(),
        base.evidence(),
        new HostContext(
            c.wslVersion(),
            c.kernelVersion(),
            c.windowsVersion(),
            c.dockerDesktopVersion(),
            c.autoMemoryReclaim(),
            c.cgroupLayout(),
            c.systemd(),
            c.resourceSaverEnabled(),
            hostName),
        base.knownIssues(),
        base.remediation());
  }

  private static Incident incident(
      String id,
      String host,
      String rule,
      String title,
      Instant openedAt,
      Evidence evidence,
      KnownIssueRef issue) {
    return new Incident(
        id,
        host,
        rule,
        title,
        Incident.Status.OPEN,
        Severity.CRITICAL,
        openedAt.minusSeconds(122),
        openedAt,
        openedAt,
        null,
        0.9,
        List.of("hang began 4 s after Resource Saver was entered"),
        List.of(evidence),
        new HostContext(
            "2.5.7.0",
            "6.6.87.2-microsoft-standard-WSL2",
            "10.0.26100.4351",
            "4.42.0",
            "gradual",
            CgroupLayout.V2,
            true,
            true),
        issue == null ? List.of() : List.of(issue),
        "Turn off Resource Saver, or upgrade Docker Desktop to 4.43.0 or later.");
  }
}
