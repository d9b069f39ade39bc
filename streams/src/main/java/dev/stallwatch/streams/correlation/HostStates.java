package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Mitigation;
import dev.stallwatch.streams.correlation.rules.ContextMatch;
import dev.stallwatch.streams.correlation.rules.ResourceSaverRelation;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the analyzer publishes about a host, and when it is worth publishing again. */
final class HostStates {

  static final Duration RECENT_INCIDENTS = Duration.ofDays(7);

  private HostStates() {}

  static HostState of(HostTimeline timeline, RuleBook rules) {
    HostFacts facts = timeline.facts();
    Instant lastSeen = facts.lastSeen();
    int recent =
        lastSeen == null
            ? 0
            : (int)
                facts.incidents().stream()
                    .filter(m -> !m.at().isBefore(lastSeen.minus(RECENT_INCIDENTS)))
                    .count();
    List<String> riskRules = riskRules(facts.context(), rules);
    return new HostState(
        timeline.host(),
        facts.context(),
        lastSeen,
        facts.lastHeartbeat(),
        facts.lastSeq(),
        facts.missingEvents(),
        facts.resourceSaverActive(),
        timeline.open().size(),
        timeline.open().stream().map(Incident::rule).distinct().toList(),
        facts.silentSince() != null,
        recent,
        facts.lastIncidentAt(),
        riskRules,
        !riskRules.isEmpty() && facts.lastIncidentAt() == null,
        Mitigations.outcomes(facts),
        facts.context().hostName());
  }

  /**
   * Hang rules whose context this host matches. Rules that need no particular context (every host
   * matches them) say nothing about risk and are left out, as are Resource Saver rules on a host
   * that has Resource Saver off.
   */
  static List<String> riskRules(HostContext context, RuleBook rules) {
    if (context.setupUnknown()) {
      return List.of();
    }
    return rules.rules().stream()
        .filter(rule -> !rule.fallback() && rule.isHang() && rule.setupRisk())
        .filter(rule -> !rule.context().equals(ContextMatch.ANY))
        .filter(rule -> rule.context().match(context).isPresent())
        .filter(
            rule ->
                !needsResourceSaver(rule) || Boolean.TRUE.equals(context.resourceSaverEnabled()))
        .map(Rule::id)
        .toList();
  }

  private static boolean needsResourceSaver(Rule rule) {
    ResourceSaverRelation.State state = rule.resourceSaver().state();
    return state == ResourceSaverRelation.State.ACTIVE
        || state == ResourceSaverRelation.State.EXITED;
  }

  /** The state to publish now, if it changed in substance or has not been published for a while. */
  static Optional<HostState> toPublish(HostState now, HostState published, Duration every) {
    if (now.lastSeen() == null) {
      return Optional.empty();
    }
    if (published == null || !substance(now).equals(substance(published))) {
      return Optional.of(now);
    }
    boolean stale =
        published.lastSeen() == null || !now.lastSeen().isBefore(published.lastSeen().plus(every));
    return stale ? Optional.of(now) : Optional.empty();
  }

  private static List<Object> substance(HostState s) {
    return List.of(
        s.context(),
        s.missingEvents(),
        s.resourceSaverActive(),
        s.openRules(),
        s.silent(),
        s.incidentsLast7Days(),
        Objects.toString(s.lastIncidentAt()),
        s.riskRules(),
        s.atRisk(),
        s.mitigations().stream().map(HostStates::counts).toList());
  }

  private static String counts(Mitigation m) {
    return m.kind() + "@" + m.at() + ":" + m.hangsBefore() + "/" + m.hangsAfter();
  }
}
