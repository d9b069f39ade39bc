package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns one host's events into incidents, in event time, with no Kafka in sight: the topology keeps
 * a {@link HostTimeline} per host in a state store and calls {@link #apply} for each event. The
 * same events in the same order always give the same incidents.
 */
public final class Correlator {

  /** An unexplained hang with no new evidence for this long is considered over. */
  static final Duration UNEXPLAINED_QUIET_PERIOD = Duration.ofMinutes(10);

  private final List<HangRule> rules;
  private final HangRule fallback = new UnexplainedHangRule();

  public Correlator() {
    this(List.of(new ResourceSaverGradualRule()));
  }

  Correlator(List<HangRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static HostTimeline emptyTimeline(String host) {
    return HostTimeline.empty(host);
  }

  public Step apply(HostTimeline before, TelemetryEvent event) {
    HostTimeline seen = before.seen(event.ts());
    IncidentChanges changes = new IncidentChanges(seen.open());
    HostTimeline after =
        switch (event) {
          case Inventory inventory -> seen.withContext(contextOf(inventory));
          case ResourceSaver saver -> onResourceSaver(seen, saver, changes);
          case AptStall stall when stall.phase() == AptStall.Phase.RECOVERED -> {
            changes.resolveAll(evidenceOf(stall), stall.ts(), incident -> true);
            yield seen;
          }
          default -> {
            HangSignal.of(event).ifPresent(signal -> onHang(seen, signal, changes));
            yield seen;
          }
        };
    resolveQuietUnexplained(event.ts(), changes);
    return new Step(after.withOpen(changes.open()), changes.changed());
  }

  private HostTimeline onResourceSaver(
      HostTimeline timeline, ResourceSaver saver, IncidentChanges changes) {
    Transition transition = Transition.of(saver);
    if (!transition.entered()) {
      changes.resolveAll(
          transition.evidence(),
          transition.at(),
          incident -> clearsOnExit(incident.rule()) && !incident.onset().isAfter(transition.at()));
    }
    return timeline.withTransition(transition);
  }

  private void onHang(HostTimeline timeline, HangSignal signal, IncidentChanges changes) {
    Explanation explanation = explain(signal, timeline);
    Optional<Incident> same = changes.openWithRule(explanation.rule());
    if (same.isPresent()) {
      changes.addEvidence(same.get(), signal.evidence());
    } else {
      changes.open(Incidents.open(timeline, signal, explanation));
    }
  }

  private Explanation explain(HangSignal signal, HostTimeline timeline) {
    for (HangRule rule : rules) {
      Optional<Explanation> explanation = rule.explain(signal, timeline);
      if (explanation.isPresent()) {
        return explanation.get();
      }
    }
    return fallback.explain(signal, timeline).orElseThrow();
  }

  private boolean clearsOnExit(String ruleId) {
    return rules.stream().anyMatch(r -> r.id().equals(ruleId) && r.clearsOnResourceSaverExit());
  }

  private static void resolveQuietUnexplained(Instant now, IncidentChanges changes) {
    changes.resolveAll(
        null,
        now,
        incident ->
            incident.rule().equals(UnexplainedHangRule.ID)
                && incident.updatedAt().plus(UNEXPLAINED_QUIET_PERIOD).isBefore(now));
  }

  private static Evidence evidenceOf(AptStall recovered) {
    return new Evidence(
        recovered.id(),
        recovered.type(),
        recovered.ts(),
        "apt run finished after making no progress for %d s".formatted(recovered.stalledSeconds()),
        recovered.lastLine());
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
        inventory.resourceSaverEnabled());
  }
}
