package dev.stallwatch.server;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.search.HostVersions;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.VersionNote;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The known issues that concern one host, each with one verdict per product for the host's
 * versions, as {@link VersionNote#check} gives it for an incident: the issues of its open incidents
 * first, then those of the rules its setup matches.
 */
final class HostKnowledge {

  /** More would bury the ones that matter; the incident pages list the rest. */
  static final int MAX_ISSUES = 8;

  /**
   * A known issue with its verdicts.
   *
   * @param verdicts per product the host reported: affected, fixed in which version, or not known
   */
  record Issue(String id, String title, String url, List<VersionNote> verdicts) {}

  private final KnowledgeBase knowledge;
  private final RuleBook rules;

  HostKnowledge(KnowledgeBase knowledge, RuleBook rules) {
    this.knowledge = knowledge;
    this.rules = rules;
  }

  List<Issue> forHost(HostState host, List<Incident> openIncidents) {
    Set<String> ids = new LinkedHashSet<>();
    openIncidents.forEach(i -> i.knownIssues().forEach(ref -> ids.add(ref.id())));
    host.riskRules()
        .forEach(
            id ->
                rules.rule(id).map(Rule::knownIssues).orElse(List.of()).stream()
                    .map(KnownIssueRef::id)
                    .forEach(ids::add));
    return issues(ids, host.context(), shownName(host));
  }

  /** The incident's own known issues, checked against the versions the host runs now. */
  List<Issue> forIncident(Incident incident, HostState host) {
    Set<String> ids = new LinkedHashSet<>();
    incident.knownIssues().forEach(ref -> ids.add(ref.id()));
    return issues(ids, host.context(), shownName(host));
  }

  /** The most steps shown: the remediation says the main change; these are the details. */
  static final int MAX_STEPS = 5;

  /**
   * The workarounds of the incident's best known issue (its first that lists any), at most {@link
   * #MAX_STEPS}. Every issue's workarounds together repeat one another in other words ("turn
   * Resource Saver off" three times), which is noise to someone whose machine just froze.
   */
  List<String> steps(Incident incident) {
    for (KnownIssueRef ref : incident.knownIssues()) {
      List<String> workarounds =
          knowledge.get(ref.id()).map(entry -> entry.workarounds()).orElse(List.of());
      if (!workarounds.isEmpty()) {
        return List.copyOf(new LinkedHashSet<>(workarounds)).stream().limit(MAX_STEPS).toList();
      }
    }
    return List.of();
  }

  private List<Issue> issues(Set<String> ids, HostContext context, String name) {
    List<Issue> out = new ArrayList<>();
    for (String id : ids) {
      if (out.size() >= MAX_ISSUES) {
        break;
      }
      knowledge.get(id).ifPresent(entry -> out.add(issue(entry, context, name)));
    }
    return out;
  }

  private static Issue issue(KnowledgeEntry entry, HostContext context, String name) {
    return new Issue(
        entry.id(),
        entry.title(),
        entry.url(),
        VersionNote.check(entry, HostVersions.of(context), name + " runs"));
  }

  static String shownName(HostState host) {
    return host.hostName() != null ? host.hostName() : host.host();
  }
}
