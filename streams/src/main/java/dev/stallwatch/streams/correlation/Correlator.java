package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.Pressure;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.correlation.rules.SignalKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one host's events, in event-time order, into incident and alert changes, with no Kafka in
 * sight. The same events in the same order always give the same output. {@link Analysis} puts the
 * events in order first; the topology and {@code stallwatch replay} both go through it.
 */
public final class Correlator {

  /** The Windows-side collector's source of distro probes, as its heartbeat names it. */
  static final String WINDOWS_PROBE_SOURCE = "distros";

  private final RuleBook rules;
  private final Matching matching;

  public Correlator(RuleBook rules) {
    this.rules = rules;
    this.matching = new Matching(rules);
  }

  public RuleBook rules() {
    return rules;
  }

  /** Applies one event; events must come in event-time order. */
  public Step apply(HostTimeline before, TelemetryEvent event) {
    Work work = new Work(before);
    work.facts = work.facts.seen(event.ts(), event.envelope().seq());
    if (work.facts.silentSince() != null) {
      matching.hostReportedAgain(work, event);
    }
    switch (event) {
      case Inventory inventory -> onInventory(work, inventory);
      case ResourceSaver saver -> onResourceSaver(work, saver);
      case EngineProbe probe -> onEngineProbe(work, probe);
      case Reclaim reclaim -> {
        work.facts = work.facts.withReclaim(reclaim.ts());
        Signal.of(reclaim).ifPresent(signal -> matching.onSignal(work, signal));
      }
      case Heartbeat heartbeat -> onHeartbeat(work, heartbeat);
      case Memory sample -> work.facts = work.facts.withSeen(distroReported(work, sample.ts()));
      case Pressure sample -> work.facts = work.facts.withSeen(distroReported(work, sample.ts()));
      case AptStall stall when stall.phase() == AptStall.Phase.RECOVERED ->
          matching.cleared(
              work,
              SignalKinds.APT_STALL,
              Signal.evidence(
                  stall,
                  "apt run finished after making no progress for %d s"
                      .formatted(stall.stalledSeconds()),
                  stall.lastLine()),
              stall.ts());
      case DistroProbe probe -> onDistroProbe(work, probe);
      case Freeze freeze when Signal.suspended(freeze) -> onSuspend(work, freeze);
      case DockerCli cli when cli.state() == DockerCli.State.PRESENT ->
          matching.cleared(
              work,
              SignalKinds.DOCKER_CLI_MISSING,
              Signal.evidence(cli, "the docker command is back at " + cli.path(), cli.detail()),
              cli.ts());
      default -> Signal.of(event).ifPresent(signal -> matching.onSignal(work, signal));
    }
    return advanced(work, event.ts());
  }

  /**
   * Time passed with no event: judges lasting states and quiet incidents as of {@code now}.
   *
   * @param now the host's estimated event time now
   */
  public Step advance(HostTimeline before, Instant now) {
    return advanced(new Work(before), now);
  }

  /**
   * The host stopped reporting while it was active; {@code lastHeard} is its last event time and
   * {@code now} the estimated event time at which the silence was noticed.
   */
  public Step silent(HostTimeline before, Instant lastHeard, Instant now) {
    Work work = new Work(before);
    if (work.facts.silentSince() == null) {
      work.facts = work.facts.withSilentSince(lastHeard);
      long seconds = Duration.between(lastHeard, now).toSeconds();
      Evidence evidence =
          new Evidence(
              "silence-" + before.host() + "-" + lastHeard,
              SignalKinds.HOST_SILENT,
              now,
              "no event from the host for %d s while it was reporting every few seconds"
                  .formatted(seconds),
              null);
      matching.onSignal(
          work, new Signal(SignalKinds.HOST_SILENT, lastHeard, evidence, Optional.empty()));
    }
    return advanced(work, now);
  }

  /**
   * The recording ended: what is still waiting for more evidence (a failing {@code wsl.exe} probe)
   * is judged on what was seen.
   */
  public Step settle(HostTimeline before) {
    Work work = new Work(before);
    Instant now = work.facts.lastSeen();
    if (now == null) {
      return work.finish(Instant.EPOCH, rules);
    }
    ProbeVerdicts.judge(matching, work, now, true);
    return advanced(work, now);
  }

  private Step advanced(Work work, Instant now) {
    ProbeVerdicts.judge(matching, work, now, false);
    matching.judgeStates(work, now);
    matching.resolveQuiet(work, now);
    return work.finish(now, rules);
  }

  private void onInventory(Work work, Inventory inventory) {
    HostContext before = work.facts.context();
    HostContext after = contextOf(inventory);
    work.facts = work.facts.withContext(after, Mitigations.between(before, after, inventory.ts()));
    work.facts =
        work.facts.withSeen(work.facts.seen().withBackendIdleAnswered(idleAnswered(inventory)));
    Evidence evidence = Signal.evidence(inventory, "new inventory: " + describe(after), null);
    work.changes.resolveAll(
        evidence,
        inventory.ts(),
        incident ->
            rules
                .rule(incident.rule())
                .filter(rule -> rule.resolve().onContextMismatch())
                .filter(rule -> rule.context().match(after).isEmpty())
                .isPresent());
  }

  private void onResourceSaver(Work work, ResourceSaver saver) {
    Transition transition = Transition.of(saver);
    work.facts = work.facts.withTransition(transition);
    if (!transition.entered()) {
      work.changes.resolveAll(
          transition.evidence(),
          transition.at(),
          incident ->
              rules
                  .rule(incident.rule())
                  .filter(rule -> rule.resolve().onResourceSaverExit())
                  .filter(
                      rule ->
                          !incident
                              .onset()
                              .isAfter(transition.at().plus(rule.resourceSaver().grace())))
                  .isPresent());
    }
  }

  /** A heartbeat from the Windows side lists its distro probes; the distro's own does not. */
  private void onHeartbeat(Work work, Heartbeat heartbeat) {
    work.facts = work.facts.withHeartbeat(heartbeat.ts());
    Observations seen = work.facts.seen();
    work.facts =
        work.facts.withSeen(
            heartbeat.sources().containsKey(WINDOWS_PROBE_SOURCE)
                ? seen.withWindowsSide(heartbeat.ts())
                : seen.withDistroReport(heartbeat.ts()));
  }

  /** Memory and pressure samples come from inside the distro: it is running. */
  private static Observations distroReported(Work work, Instant at) {
    return work.facts.seen().withDistroReport(at);
  }

  private void onDistroProbe(Work work, DistroProbe probe) {
    work.facts = work.facts.withSeen(work.facts.seen().withWindowsSide(probe.ts()));
    if (Signal.isDown(probe.status())) {
      ProbeVerdicts.onFailing(matching, work, probe);
      return;
    }
    ProbeVerdicts.onAnswering(matching, work, probe.ts());
    Evidence evidence =
        Signal.evidence(probe, "wsl.exe into " + probe.distro() + " answered", null);
    matching.cleared(work, SignalKinds.DISTRO_PROBE, evidence, probe.ts());
    matching.cleared(work, SignalKinds.WSL_UNRESPONSIVE, evidence, probe.ts());
  }

  /** The guest slept: remembered first, so that the look-alike rules see it. */
  private void onSuspend(Work work, Freeze freeze) {
    Signal signal = Signal.of(freeze).orElseThrow();
    Observations.Suspend suspend =
        new Observations.Suspend(
            freeze.from(), freeze.to(), freeze.unseenByMonotonicClock(), signal.evidence());
    work.facts = work.facts.withSeen(work.facts.seen().withSuspend(suspend));
    matching.silenceWasASleep(work, suspend);
    matching.onSignal(work, signal);
  }

  private void onEngineProbe(Work work, EngineProbe probe) {
    if (probe.seenVia() == EngineProbe.Via.BACKEND_LOG) {
      work.facts = work.facts.withSeen(work.facts.seen().withWindowsSide(probe.ts()));
    }
    boolean reachable = !Signal.isDown(probe.status());
    EngineState current = work.facts.engine();
    Evidence evidence =
        Signal.evidence(
            probe,
            "Docker engine /_ping: "
                + probe.status()
                + (probe.latencyMillis() == null ? "" : " in " + probe.latencyMillis() + " ms"),
            probe.detail());
    if (current == null || current.reachable() != reachable) {
      work.facts = work.facts.withEngine(new EngineState(reachable, probe.ts(), evidence));
    }
    if (reachable) {
      matching.cleared(work, SignalKinds.ENGINE_UNREACHABLE, evidence, probe.ts());
      matching.cleared(work, SignalKinds.DOCKER_WAITING, evidence, probe.ts());
    }
    Signal.of(probe).ifPresent(signal -> matching.onSignal(work, signal));
  }

  /** Whether Docker Desktop's backend told its idle state ({@code GET /idle} answered). */
  static boolean idleAnswered(Inventory inventory) {
    return inventory.dockerBackendApi().entrySet().stream()
        .anyMatch(
            e ->
                e.getKey().strip().toLowerCase(Locale.ROOT).endsWith("/idle")
                    && e.getValue() != null
                    && e.getValue().strip().toLowerCase(Locale.ROOT).startsWith("answered"));
  }

  static HostContext contextOf(Inventory inventory) {
    return new HostContext(
        inventory.wslVersion(),
        inventory.kernelVersion(),
        inventory.windowsVersion(),
        inventory.dockerDesktopVersion(),
        inventory.autoMemoryReclaim(),
        inventory.cgroupLayout(),
        inventory.systemd(),
        inventory.resourceSaverEnabled(),
        inventory.hostName());
  }

  private static String describe(HostContext c) {
    return "WSL %s, Docker Desktop %s, autoMemoryReclaim=%s, cgroup %s, systemd %s, Resource Saver %s"
        .formatted(
            c.wslVersion(),
            c.dockerDesktopVersion(),
            c.autoMemoryReclaim() == null ? "unset" : c.autoMemoryReclaim(),
            c.cgroupLayout() == null ? null : c.cgroupLayout().wireName(),
            c.systemd(),
            c.resourceSaverEnabled());
  }
}
