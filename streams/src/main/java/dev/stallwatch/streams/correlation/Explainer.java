package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.streams.correlation.rules.ConfidenceModel;
import dev.stallwatch.streams.correlation.rules.ProbableCause;
import dev.stallwatch.streams.correlation.rules.ResourceSaverRelation;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.SuspendRelation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether one rule explains a hang that began at a given time on a host. */
final class Explainer {

  /** How long after a resume no hang is blamed on Resource Saver. */
  static final Duration SLEEP_SHADOW = Duration.ofMinutes(10);

  private Explainer() {}

  /** The rule's explanation of a hang beginning at {@code onset}, or empty if it does not fit. */
  static Optional<Explanation> explain(Rule rule, Instant onset, HostFacts facts) {
    return explain(rule, onset, facts, false);
  }

  /**
   * As {@link #explain(Rule, Instant, HostFacts)}, but Resource Saver counts as off only where it
   * could have been seen: a host with Resource Saver enabled that has no source of its transitions
   * (no transition, no Windows-side collector, no backend answer) does not show it was off. Tried
   * before the probable causes, so that the absence of evidence does not outrank them.
   */
  static Optional<Explanation> explainOnEvidence(Rule rule, Instant onset, HostFacts facts) {
    return explain(rule, onset, facts, true);
  }

  private static Optional<Explanation> explain(
      Rule rule, Instant onset, HostFacts facts, boolean onEvidence) {
    Optional<List<String>> contextReasons = rule.context().match(facts.context());
    if (contextReasons.isEmpty()) {
      return Optional.empty();
    }
    if (inSleepShadow(rule, onset, facts)) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>(contextReasons.get());
    List<Evidence> causes = new ArrayList<>();
    if (rule.afterSuspend() != null && !followsSuspend(rule, onset, facts, reasons, causes)) {
      return Optional.empty();
    }
    ConfidenceModel model = rule.confidence();
    double confidence = model.base();
    Optional<Instant> clearedAt = Optional.empty();
    ResourceSaverRelation relation = rule.resourceSaver();
    switch (relation.state()) {
      case ACTIVE -> {
        Optional<Transition> entry = activeEntry(facts, onset, relation);
        if (entry.isEmpty()) {
          return Optional.empty();
        }
        confidence += onsetBonus(model, entry.get(), onset, reasons);
        causes.add(entry.get().evidence());
        Optional<Transition> exit = facts.exitAfter(entry.get().at());
        exit.ifPresent(e -> causes.add(e.evidence()));
        clearedAt = exit.map(Transition::at);
      }
      case INACTIVE -> {
        if (activeEntry(facts, onset, relation).isPresent()
            || onEvidence && !resourceSaverVisible(facts)) {
          return Optional.empty();
        }
        reasons.add("Docker Desktop was not in Resource Saver when the hang began");
      }
      case EXITED -> {
        Optional<Transition> exit = recentExit(facts, onset, relation);
        if (exit.isEmpty()) {
          return Optional.empty();
        }
        causes.add(exit.get().evidence());
        reasons.add("Docker Desktop left Resource Saver at " + exit.get().at());
      }
      case ANY -> {}
    }
    confidence += reclaimBonus(model, facts, onset, reasons);
    return Optional.of(
        new Explanation(
            rule, Math.min(ConfidenceModel.MAX, confidence), reasons, causes, clearedAt));
  }

  /**
   * Whether a rule that needs Resource Saver is asked about a hang that began during a suspend or
   * within {@link #SLEEP_SHADOW} after it. A sleep explains such a hang better, and what looked
   * like Resource Saver around it (an engine that did not answer) may have been the sleep itself.
   */
  private static boolean inSleepShadow(Rule rule, Instant onset, HostFacts facts) {
    ResourceSaverRelation.State state = rule.resourceSaver().state();
    boolean needsResourceSaver =
        state == ResourceSaverRelation.State.ACTIVE || state == ResourceSaverRelation.State.EXITED;
    return needsResourceSaver
        && facts
            .seen()
            .suspendBefore(onset, SLEEP_SHADOW, rule.resourceSaver().grace())
            .isPresent();
  }

  /** Whether this host would have shown Resource Saver, had it been on. */
  private static boolean resourceSaverVisible(HostFacts facts) {
    Observations seen = facts.seen();
    return !Boolean.TRUE.equals(facts.context().resourceSaverEnabled())
        || !facts.transitions().isEmpty()
        || seen.windowsSideSeen() != null
        || seen.backendIdleAnswered();
  }

  /**
   * The rule's probable cause for a hang beginning at {@code onset}: no Resource Saver transition
   * was seen around it, but the host's context is where the rule's cause occurs. Empty when the
   * rule has no {@code probable} block, the context does not fit, or a transition was seen (then
   * the evidence has spoken, and the rule's own relation decided).
   */
  static Optional<Explanation> explainProbable(Rule rule, Instant onset, HostFacts facts) {
    ProbableCause probable = rule.probable();
    if (probable == null) {
      return Optional.empty();
    }
    ResourceSaverRelation relation = rule.resourceSaver();
    if (inSleepShadow(rule, onset, facts)
        || facts.anyTransitionBetween(
            onset.minus(relation.window()), onset.plus(relation.grace()))) {
      return Optional.empty();
    }
    Optional<List<String>> context = rule.context().match(facts.context());
    Optional<List<String>> required = probable.requires().match(facts.context());
    if (context.isEmpty() || required.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>(context.get());
    required.get().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
    reasons.add(
        "no Resource Saver transition was seen around the hang: the cause is inferred from this"
            + " host's setup");
    return Optional.of(
        new Explanation(
            rule,
            probable.confidence(),
            reasons,
            List.of(),
            Optional.empty(),
            missingEvidence(probable, facts.seen())));
  }

  private static List<String> missingEvidence(ProbableCause probable, Observations seen) {
    List<String> lines = new ArrayList<>();
    for (ProbableCause.Missing missing : probable.missing()) {
      boolean applies =
          switch (missing.when()) {
            case NO_WINDOWS_SIDE -> seen.windowsSideSeen() == null;
            case NO_BACKEND_API -> !seen.backendIdleAnswered();
            case OTHERWISE -> lines.isEmpty();
          };
      if (applies) {
        lines.add(missing.text());
      }
    }
    return lines;
  }

  private static boolean followsSuspend(
      Rule rule, Instant onset, HostFacts facts, List<String> reasons, List<Evidence> causes) {
    SuspendRelation relation = rule.afterSuspend();
    Optional<Observations.Suspend> suspend =
        facts.seen().suspendBefore(onset, relation.within(), relation.grace());
    if (suspend.isEmpty()) {
      return false;
    }
    Observations.Suspend s = suspend.get();
    long after = Duration.between(s.to(), onset).toSeconds();
    reasons.add(
        after <= 0
            ? "the hang began as the guest resumed from a %d s suspend".formatted(length(s))
            : "the hang began %d s after the guest resumed from a %d s suspend"
                .formatted(after, length(s)));
    reasons.add(
        "the guest's monotonic clock missed %d s of the gap: the PC slept, no process was frozen"
            .formatted(s.unseen().toSeconds()));
    causes.add(s.evidence());
    return true;
  }

  private static long length(Observations.Suspend s) {
    return Duration.between(s.from(), s.to()).toSeconds();
  }

  /**
   * The entry that has Resource Saver on at the onset: entered at or before {@code onset + grace}
   * (within the window) and not left before {@code onset - grace}.
   */
  static Optional<Transition> activeEntry(
      HostFacts facts, Instant onset, ResourceSaverRelation relation) {
    return facts
        .entryAtOrBefore(onset.plus(relation.grace()))
        .filter(entry -> !entry.at().isBefore(onset.minus(relation.window())))
        .filter(
            entry ->
                facts
                    .exitAfter(entry.at())
                    .map(exit -> !exit.at().isBefore(onset.minus(relation.grace())))
                    .orElse(true));
  }

  private static Optional<Transition> recentExit(
      HostFacts facts, Instant onset, ResourceSaverRelation relation) {
    return facts
        .transitionAtOrBefore(onset.plus(relation.grace()))
        .filter(t -> !t.entered())
        .filter(exit -> !exit.at().isBefore(onset.minus(relation.window())));
  }

  private static double onsetBonus(
      ConfidenceModel model, Transition entry, Instant onset, List<String> reasons) {
    long seconds = Math.max(0, Duration.between(entry.at(), onset).toSeconds());
    reasons.add(
        "the hang began %d s after Docker Desktop entered Resource Saver".formatted(seconds));
    ConfidenceModel.Bonus bonus = model.onsetAfterEntry();
    return bonus != null && seconds <= bonus.within().toSeconds() ? bonus.add() : 0;
  }

  private static double reclaimBonus(
      ConfidenceModel model, HostFacts facts, Instant onset, List<String> reasons) {
    ConfidenceModel.Bonus bonus = model.recentReclaim();
    if (bonus == null) {
      return 0;
    }
    Optional<Instant> reclaim = facts.reclaimAtOrBefore(onset);
    if (reclaim.isEmpty() || reclaim.get().isBefore(onset.minus(bonus.within()))) {
      return 0;
    }
    reasons.add(
        "WSL reclaimed memory %d s before the hang began"
            .formatted(Duration.between(reclaim.get(), onset).toSeconds()));
    return bonus.add();
  }
}
