package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.streams.correlation.rules.ConfidenceModel;
import dev.stallwatch.streams.correlation.rules.ResourceSaverRelation;
import dev.stallwatch.streams.correlation.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether one rule explains a hang that began at a given time on a host. */
final class Explainer {

  private Explainer() {}

  /** The rule's explanation of a hang beginning at {@code onset}, or empty if it does not fit. */
  static Optional<Explanation> explain(Rule rule, Instant onset, HostFacts facts) {
    Optional<List<String>> contextReasons = rule.context().match(facts.context());
    if (contextReasons.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>(contextReasons.get());
    List<Evidence> causes = new ArrayList<>();
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
        if (activeEntry(facts, onset, relation).isPresent()) {
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
