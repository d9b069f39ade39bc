package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.ConfidenceModel;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.correlation.rules.SignalKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How signals meet rules: which rule explains a hang, what clears it, what ends it quietly. */
final class Matching {

  static final String NO_RULE = "no rule matched this host's context and Resource Saver history";

  /** What is left of a silence incident once the silence turned out to be a sleep. */
  static final double SLEPT_CONFIDENCE = 0.1;

  /** The analyzer notices silence from its last event, which may be a little before the sleep. */
  private static final Duration SILENCE_SKEW = Duration.ofMinutes(1);

  private final RuleBook rules;

  Matching(RuleBook rules) {
    this.rules = rules;
  }

  /**
   * Explains the signal with the first rule that fits, joining or opening its incident. The
   * evidence goes first: every rule but the fallback is tried on it, where Resource Saver counts as
   * off only if the host could have seen it on. Then the probable causes, in rule order: a rule
   * whose Resource Saver evidence is missing altogether, but whose context fits. Then every rule
   * again, taking Resource Saver for off where nothing showed it on; the fallback comes last.
   */
  void onSignal(Work work, Signal signal) {
    if (ProbeVerdicts.STOPS_THE_DISTRO.contains(signal.kind())) {
      work.facts = work.facts.withSeen(work.facts.seen().withHangSignal(signal.evidence().ts()));
      ProbeVerdicts.judge(this, work, signal.evidence().ts(), false);
    }
    List<Rule> accepting = rules.rules().stream().filter(r -> r.accepts(signal.kind())).toList();
    Optional<Explanation> explanation =
        first(accepting, rule -> !rule.fallback(), Explainer::explainOnEvidence, work, signal)
            .or(() -> first(accepting, rule -> true, Explainer::explainProbable, work, signal))
            .or(() -> first(accepting, rule -> true, Explainer::explain, work, signal));
    explanation.ifPresent(e -> place(work, signal, withFallbackReason(e)));
  }

  /** How one rule explains a hang beginning at an instant, if it does. */
  private interface Explain {
    Optional<Explanation> apply(Rule rule, Instant onset, HostFacts facts);
  }

  private static Optional<Explanation> first(
      List<Rule> candidates,
      java.util.function.Predicate<Rule> which,
      Explain explain,
      Work work,
      Signal signal) {
    for (Rule rule : candidates) {
      if (which.test(rule)) {
        Optional<Explanation> explanation = explain.apply(rule, signal.onset(), work.facts);
        if (explanation.isPresent()) {
          return explanation;
        }
      }
    }
    return Optional.empty();
  }

  private void place(Work work, Signal signal, Explanation explanation) {
    Rule rule = explanation.rule();
    Optional<Incident> open = work.changes.openWithRule(rule.id());
    if (open.isPresent()) {
      work.changes.addEvidence(open.get(), signal.evidence(), rule);
      return;
    }
    Optional<Incident> recent =
        work.changes.recentCovering(rule.id(), signal.onset(), rule.resourceSaver().grace());
    if (recent.isPresent()) {
      work.changes.addEvidence(recent.get(), signal.evidence(), rule);
      return;
    }
    work.changes.open(Incidents.open(work.host(), work.facts, signal, explanation));
  }

  private static Explanation withFallbackReason(Explanation explanation) {
    if (!explanation.rule().fallback()) {
      return explanation;
    }
    List<String> reasons = new ArrayList<>(explanation.reasons());
    reasons.add(NO_RULE);
    return new Explanation(
        explanation.rule(),
        explanation.confidence(),
        reasons,
        explanation.causes(),
        explanation.clearedAt(),
        explanation.missingEvidence());
  }

  /**
   * A signal of this kind ended at {@code at}: resolves the open incidents it holds up, and credits
   * recently resolved ones whose hang cleared right after Resource Saver ended.
   */
  void cleared(Work work, String kind, Evidence evidence, Instant at) {
    String type = evidenceType(kind);
    work.changes.resolveAll(
        evidence,
        at,
        incident ->
            rules
                .rule(incident.rule())
                .filter(
                    rule ->
                        (rule.resolve().onSignalCleared() || incident.probable())
                            && rule.accepts(kind))
                .filter(rule -> Incidents.hasEvidenceOfType(incident, type))
                .isPresent());
    for (Incident incident : work.changes.recent()) {
      rules
          .rule(incident.rule())
          .filter(rule -> rule.confidence().clearedAfterExit() != null)
          .filter(rule -> Incidents.hasEvidenceOfType(incident, type))
          .ifPresent(rule -> creditClearedAfterExit(work, incident, rule, evidence, at));
    }
  }

  private static void creditClearedAfterExit(
      Work work, Incident incident, Rule rule, Evidence evidence, Instant at) {
    ConfidenceModel.Bonus bonus = rule.confidence().clearedAfterExit();
    Optional<Transition> exit =
        work.facts.transitions().stream()
            .filter(t -> !t.entered() && t.at().equals(incident.resolvedAt()))
            .findFirst();
    if (exit.isEmpty()) {
      return;
    }
    Duration after = Duration.between(exit.get().at(), at);
    if (after.isNegative() || after.compareTo(bonus.within()) > 0) {
      return;
    }
    String reason =
        "the hang cleared %d s after Docker Desktop left Resource Saver"
            .formatted(after.toSeconds());
    work.changes.update(incident, i -> Incidents.withReason(i, reason, bonus.add(), evidence));
  }

  /**
   * The host's silence was a suspend: incidents that only the silence opened (a whole-VM freeze the
   * live analyzer had to assume) are told so and lose their confidence.
   */
  void silenceWasASleep(Work work, Observations.Suspend suspend) {
    List<Incident> all = new ArrayList<>(work.changes.open());
    all.addAll(work.changes.recent());
    for (Incident incident : all) {
      boolean onlySilence =
          incident.evidence().stream()
              .map(Evidence::type)
              .filter(Incidents::isHangEvidence)
              .allMatch(SignalKinds.HOST_SILENT::equals);
      boolean during =
          !incident.onset().isBefore(suspend.from().minus(SILENCE_SKEW))
              && !incident.onset().isAfter(suspend.to());
      if (onlySilence && during && Incidents.hasEvidenceOfType(incident, SignalKinds.HOST_SILENT)) {
        work.changes.update(
            incident,
            i ->
                Incidents.doubted(
                    i,
                    "the host was silent because the guest was suspended (the PC slept), not"
                        + " frozen",
                    SLEPT_CONFIDENCE,
                    suspend.evidence()));
      }
    }
  }

  void hostReportedAgain(Work work, TelemetryEvent event) {
    Instant since = work.facts.silentSince();
    work.facts = work.facts.withSilentSince(null);
    // A freeze report joins the incident as a signal of its own, right after this.
    Evidence evidence =
        event instanceof Freeze
            ? null
            : Signal.evidence(
                event,
                "the host reported again (%s) after going silent at %s"
                    .formatted(event.type(), since),
                null);
    cleared(work, SignalKinds.HOST_SILENT, evidence, event.ts());
  }

  /** Lasting states (the engine not answering) that have lasted long enough for a rule. */
  void judgeStates(Work work, Instant now) {
    EngineState engine = work.facts.engine();
    if (engine == null || engine.reachable()) {
      return;
    }
    for (Rule rule : rules.rules()) {
      if (!rule.accepts(SignalKinds.ENGINE_UNREACHABLE)) {
        continue;
      }
      Instant onset = engine.since();
      Optional<Transition> exit = work.facts.transitionAtOrBefore(now).filter(t -> !t.entered());
      if (exit.isPresent() && exit.get().at().isAfter(onset)) {
        onset = exit.get().at();
      }
      if (Duration.between(onset, now).compareTo(rule.persist()) < 0
          || alreadyCounted(work, engine.evidence())) {
        continue;
      }
      Optional<Explanation> explanation = Explainer.explain(rule, onset, work.facts);
      if (explanation.isPresent()) {
        Explanation e = explanation.get();
        List<String> reasons = new ArrayList<>(e.reasons());
        reasons.add(
            "the engine has not answered for %d s"
                .formatted(Duration.between(onset, now).toSeconds()));
        Signal signal =
            new Signal(SignalKinds.ENGINE_UNREACHABLE, onset, engine.evidence(), Optional.empty());
        work.changes.open(
            Incidents.open(
                work.host(),
                work.facts,
                signal,
                new Explanation(rule, e.confidence(), reasons, e.causes(), Optional.empty())));
        return;
      }
    }
  }

  private static boolean alreadyCounted(Work work, Evidence evidence) {
    List<Incident> all = new ArrayList<>(work.changes.open());
    all.addAll(work.changes.recent());
    return all.stream()
        .anyMatch(i -> i.evidence().stream().anyMatch(e -> e.eventId().equals(evidence.eventId())));
  }

  /** Resolves incidents of rules with a quiet period that got no evidence for that long. */
  void resolveQuiet(Work work, Instant now) {
    for (Incident incident : work.changes.open()) {
      rules
          .rule(incident.rule())
          .map(rule -> quietOf(rule, incident))
          .filter(quiet -> incident.updatedAt().plus(quiet).isBefore(now))
          .ifPresent(
              quiet ->
                  work.changes.resolveAll(
                      null, incident.updatedAt().plus(quiet), i -> i.id().equals(incident.id())));
    }
  }

  /** The quiet period that ends an incident of the rule; a probable one has its own. */
  private static Duration quietOf(Rule rule, Incident incident) {
    Duration quiet = rule.resolve().quiet();
    if (incident.probable() && rule.probable() != null) {
      Duration probable = rule.probable().quiet();
      return quiet == null || probable.compareTo(quiet) < 0 ? probable : quiet;
    }
    return quiet;
  }

  /** The event type whose evidence a signal of this kind leaves in an incident. */
  static String evidenceType(String kind) {
    return switch (kind) {
      case SignalKinds.ENGINE_UNREACHABLE, SignalKinds.DOCKER_WAITING -> "engine_probe";
      case SignalKinds.SUSPENDED -> "freeze";
      case SignalKinds.DOCKER_CLI_MISSING -> "docker_cli";
      case SignalKinds.WSL_UNRESPONSIVE -> "distro_probe";
      default -> kind;
    };
  }
}
