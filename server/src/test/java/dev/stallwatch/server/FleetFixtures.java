package dev.stallwatch.server;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.server.fleet.FleetEvents;
import dev.stallwatch.server.fleet.FleetView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet the browser tests of the views look at, built from the model objects the analyzer and
 * the collectors publish: host states, cohorts, a mitigation and telemetry, filled into a real
 * {@link FleetView}, and the test incidents moved to times around now, so the last day and week
 * hold them. Six hosts:
 *
 * <ul>
 *   <li>dev-laptop-07: hanging (the apt hang and the hostile incident are open); its last day has a
 *       Resource Saver period, one still open, an engine-down period, memory and PSI io lines and
 *       four markers, one a hung-task line with an image whose error handler sets {@link
 *       TestIncidents#PWNED}
 *   <li>build-box-03: hanging (the terminal failure is open) while in Resource Saver
 *   <li>dev-anna (named annas-pc): in Resource Saver, at risk of the gradual-reclaim hang
 *   <li>qa-box-11: fine, at risk of the cgroup v2 hang
 *   <li>dev-zoe: silent for three hours
 *   <li>ci-runner-1: fine; its kernel version, free text in an inventory, is a script tag
 * </ul>
 *
 * Host names and ids cannot carry markup: the model refuses them ({@code HostileHostTextTest}).
 */
final class FleetFixtures {

  static final String HANGING_HOST = "dev-laptop-07";
  static final String HOSTILE_HOST = "ci-runner-1";
  static final String HOSTILE_KERNEL =
      "6.6.87.2-microsoft-standard-WSL2<script>" + TestIncidents.PWNED + "=true</script>";
  static final String HOSTILE_MARKER =
      "INFO: task apt-get:4711 blocked <img src=x onerror=\"" + TestIncidents.PWNED + "=true\">";
  static final String GRADUAL_RISK = "resource-saver-gradual";
  static final String CGROUP_RISK = "resource-saver-cgroup-v2";
  private static final String WSL = "2.5.7.0";
  private static final String KERNEL = "6.6.87.2-microsoft-standard-WSL2";
  private static final Duration STEP = Duration.ofMinutes(2);

  private static final AtomicLong SEQ = new AtomicLong();

  private FleetFixtures() {}

  /** The apt hang 40 min ago, the terminal failure 2 h ago, the hostile incident 3 h ago. */
  static List<Incident> incidents(Instant now) {
    return List.of(
        movedTo(TestIncidents.aptHang(), now.minus(Duration.ofMinutes(40))),
        movedTo(TestIncidents.terminalFailure(), now.minus(Duration.ofHours(2))),
        movedTo(TestIncidents.hostile(), now.minus(Duration.ofHours(3))));
  }

  /** The incident with every time moved by the same amount, so that it opened at {@code at}. */
  static Incident movedTo(Incident incident, Instant at) {
    Duration by = Duration.between(incident.openedAt(), at);
    return new Incident(
        incident.id(),
        incident.host(),
        incident.rule(),
        incident.title(),
        incident.status(),
        incident.severity(),
        incident.onset().plus(by),
        at,
        incident.updatedAt().plus(by),
        incident.resolvedAt() == null ? null : incident.resolvedAt().plus(by),
        incident.confidence(),
        incident.confidenceReasons(),
        incident.evidence().stream()
            .map(e -> new Evidence(e.eventId(), e.type(), e.ts().plus(by), e.summary(), e.line()))
            .toList(),
        incident.context(),
        incident.knownIssues(),
        incident.remediation());
  }

  /** Fills {@code fleet} as the fleet feed would from the topics, as of {@code now}. */
  static void fill(FleetView fleet, Instant now) {
    List<HostState> hosts = hosts(now);
    hosts.forEach(fleet::apply);
    cohortsOf(hosts).forEach(fleet::apply);
    fleet.apply(new MitigationStats("reclaim-disabled", 3, 7, 21.0, 7 / 21.0, 0, 14.0, 0.0));
    telemetry(now).forEach(fleet::record);
  }

  static List<HostState> hosts(Instant now) {
    Instant lastHang = now.minus(Duration.ofMinutes(40));
    return List.of(
        state(
            context(inventory(HANGING_HOST, now, "4.42.0", "gradual", true, KERNEL, null)),
            now,
            false,
            List.of(GRADUAL_RISK, "unexplained-hang"),
            3,
            lastHang,
            List.of(GRADUAL_RISK)),
        state(
            context(inventory("build-box-03", now, "4.42.0", "dropcache", true, KERNEL, null)),
            now,
            true,
            List.of("resource-saver-cgroup-freezer"),
            1,
            now.minus(Duration.ofHours(2)),
            List.of()),
        state(
            context(inventory("dev-anna", now, "4.42.0", "gradual", true, KERNEL, "annas-pc")),
            now,
            true,
            List.of(),
            0,
            null,
            List.of(GRADUAL_RISK)),
        state(
            context(inventory("qa-box-11", now, "4.42.0", "dropcache", true, KERNEL, null)),
            now,
            false,
            List.of(),
            0,
            null,
            List.of(CGROUP_RISK)),
        silent(
            state(
                context(inventory("dev-zoe", now, "4.43.1", "gradual", true, KERNEL, null)),
                now.minus(Duration.ofHours(3)),
                false,
                List.of(),
                0,
                null,
                List.of())),
        state(
            context(
                inventory(HOSTILE_HOST, now, "4.43.1", "disabled", false, HOSTILE_KERNEL, null)),
            now,
            false,
            List.of(),
            0,
            null,
            List.of()));
  }

  /** A host as the analyzer keeps it; at risk, as the analyzer says, only before its first hang. */
  private static HostState state(
      Map.Entry<String, HostContext> host,
      Instant lastSeen,
      boolean resourceSaverActive,
      List<String> openRules,
      int hangs7d,
      Instant lastHang,
      List<String> riskRules) {
    return new HostState(
        host.getKey(),
        host.getValue(),
        lastSeen,
        lastSeen,
        500,
        0,
        resourceSaverActive,
        openRules.size(),
        openRules,
        false,
        hangs7d,
        lastHang,
        riskRules,
        !riskRules.isEmpty() && hangs7d == 0 && lastHang == null,
        List.of(),
        null);
  }

  private static HostState silent(HostState s) {
    return new HostState(
        s.host(),
        s.context(),
        s.lastSeen(),
        s.lastHeartbeat(),
        s.lastSeq(),
        s.missingEvents(),
        s.resourceSaverActive(),
        s.openIncidents(),
        s.openRules(),
        true,
        s.incidentsLast7Days(),
        s.lastIncidentAt(),
        s.riskRules(),
        s.atRisk(),
        s.mitigations(),
        s.hostName());
  }

  /** What a collector says the machine is, on cgroup v2 with systemd. */
  static Inventory inventory(
      String host,
      Instant now,
      String dockerDesktop,
      String reclaim,
      boolean resourceSaver,
      String kernel,
      String hostName) {
    return new Inventory(
        envelope(host, now.minus(Duration.ofHours(23))),
        WSL,
        kernel,
        "10.0.26100.4061",
        "Ubuntu-24.04",
        true,
        CgroupLayout.V2,
        false,
        true,
        reclaim,
        Map.of("experimental.automemoryreclaim", reclaim),
        dockerDesktop,
        resourceSaver,
        300,
        true,
        hostName);
  }

  /** The host's context as the analyzer takes it from its inventory. */
  private static Map.Entry<String, HostContext> context(Inventory i) {
    return Map.entry(
        i.envelope().host(),
        new HostContext(
            i.wslVersion(),
            i.kernelVersion(),
            i.windowsVersion(),
            i.dockerDesktopVersion(),
            i.autoMemoryReclaim(),
            i.cgroupLayout(),
            i.systemd(),
            i.resourceSaverEnabled(),
            i.hostName()));
  }

  /** The cohorts as the analyzer counts them: one host more in its cohort for each host. */
  static List<CohortStats> cohortsOf(List<HostState> hosts) {
    Map<String, CohortStats> cohorts = new LinkedHashMap<>();
    for (HostState host : hosts) {
      CohortStats empty = CohortStats.emptyFor(host.context());
      cohorts.merge(
          empty.key(),
          empty.plus(1, host.incidentsLast7Days() > 0, host.atRisk()),
          (had, one) -> had.plus(1, host.incidentsLast7Days() > 0, host.atRisk()));
    }
    return List.copyOf(cohorts.values());
  }

  private static Envelope envelope(String host, Instant ts) {
    return Envelope.of(host, ts, SEQ.incrementAndGet());
  }

  private static Instant ago(Instant now, int minutes) {
    return now.minus(Duration.ofMinutes(minutes));
  }

  /**
   * The hanging host's last day and a little of dev-anna's: inventories, memory and PSI io every
   * step, Resource Saver entered and left 6 h and 5 h ago and entered again 50 min ago, the engine
   * down from 38 to 30 min ago, a reclaim, an apt stall, the hostile hung task and the docker
   * command vanishing.
   */
  static List<TelemetryEvent> telemetry(Instant now) {
    String host = HANGING_HOST;
    List<TelemetryEvent> events = new ArrayList<>();
    events.add(inventory(host, now, "4.42.0", "gradual", true, KERNEL, null));
    for (Instant t = now.minus(Duration.ofHours(24)); !t.isAfter(now); t = t.plus(STEP)) {
      boolean squeezed = t.isAfter(ago(now, 50));
      long minutesLeft = Duration.between(t, now).toMinutes();
      events.add(
          FleetEvents.memory(host, t, squeezed ? 512 : 6144 + minutesLeft, squeezed ? 9216 : 3072));
      events.add(FleetEvents.ioPressure(host, t, squeezed ? 78.5 : 0.4));
    }
    events.add(FleetEvents.resourceSaver(host, ago(now, 360), ResourceSaver.State.ENTERED));
    events.add(FleetEvents.resourceSaver(host, ago(now, 300), ResourceSaver.State.EXITED));
    events.add(FleetEvents.resourceSaver(host, ago(now, 50), ResourceSaver.State.ENTERED));
    events.add(FleetEvents.engine(host, ago(now, 38), ProbeStatus.TIMEOUT));
    events.add(FleetEvents.engine(host, ago(now, 30), ProbeStatus.OK));
    events.add(
        FleetEvents.reclaim(host, ago(now, 55), "gradual reclaim dropped 512 MiB of page cache"));
    Instant stalled = ago(now, 43);
    events.add(
        new AptStall(
            envelope(host, stalled),
            AptStall.Phase.STALLED,
            "apt-get install -y build-essential",
            stalled.minusSeconds(60),
            60,
            "Unpacking libc6-dev (2.39-0ubuntu8) ..."));
    events.add(new HungTask(envelope(host, ago(now, 41)), "apt-get", 4711, 122, HOSTILE_MARKER));
    events.add(
        new DockerCli(
            envelope(host, ago(now, 35)),
            DockerCli.State.MISSING,
            "/usr/bin/docker",
            "the link into Docker Desktop's WSL integration is gone"));
    events.add(FleetEvents.memory("dev-anna", ago(now, 25), 4096, 2048));
    events.add(FleetEvents.resourceSaver("dev-anna", ago(now, 20), ResourceSaver.State.ENTERED));
    return events;
  }
}
