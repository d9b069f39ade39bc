package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.correlation.rules.SignalKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns one host's events, in event-time order, into incident and alert changes, with no Kafka in
 * sight. The same events in the same order always give the same output. {@link Analysis} puts the
 * events in order first; the topology and {@code stallwatch replay} both go through it.
 */
public final class Correlator {

  private final RuleBook rules;
  private final Matching matching;

  public Correlator(RuleBook rules) {
    this.rules = rules;
    this.matching = new Matching(rules);
  }

  public RuleBook rules() {
    return rules;
  }

  public static HostTimeline emptyTimeline(String host) {
    return HostTimeline.empty(host);
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
      case Heartbeat heartbeat -> work.facts = work.facts.withHeartbeat(heartbeat.ts());
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
      case DistroProbe probe when !Signal.isDown(probe.status()) ->
          matching.cleared(
              work,
              SignalKinds.DISTRO_PROBE,
              Signal.evidence(probe, "wsl.exe into " + probe.distro() + " answered", null),
              probe.ts());
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

  private Step advanced(Work work, Instant now) {
    matching.judgeStates(work, now);
    matching.resolveQuiet(work, now);
    return work.finish(now, rules);
  }

  private void onInventory(Work work, Inventory inventory) {
    HostContext before = work.facts.context();
    HostContext after = contextOf(inventory);
    work.facts = work.facts.withContext(after, Mitigations.between(before, after, inventory.ts()));
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

  private void onEngineProbe(Work work, EngineProbe probe) {
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
