package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.streams.correlation.rules.ConfidenceModel;
import dev.stallwatch.streams.correlation.rules.ProbableCause;
import dev.stallwatch.streams.correlation.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Building and changing incidents; ids derive from their first evidence, so replays agree. */
final class Incidents {

  private static final String AGREE = "independent signals agree: ";
  private static final Set<String> HANG_EVIDENCE =
      Set.of("hung_task", "apt_stall", "io_stall", "distro_probe", "freeze", "host_silent");

  private Incidents() {}

  static Incident open(String host, HostFacts facts, Signal signal, Explanation explanation) {
    Rule rule = explanation.rule();
    List<Evidence> evidence = new ArrayList<>(explanation.causes());
    evidence.add(signal.evidence());
    evidence.sort(Comparator.comparing(Evidence::ts));
    Instant reported = signal.evidence().ts();
    Instant cleared = clearedAt(rule, signal, explanation);
    Instant updated = cleared != null && cleared.isAfter(reported) ? cleared : reported;
    return new Incident(
        idOf(host, rule.id(), signal.evidence().eventId()),
        host,
        rule.id(),
        explanation.probable() ? ProbableCause.TITLE_PREFIX + rule.title() : rule.title(),
        cleared == null ? Incident.Status.OPEN : Incident.Status.RESOLVED,
        rule.severity(),
        signal.onset(),
        reported,
        updated,
        cleared,
        round(explanation.confidence()),
        reasons(explanation, signal),
        evidence,
        facts.context(),
        rule.knownIssues(),
        rule.remediation(),
        explanation.missingEvidence());
  }

  private static List<String> reasons(Explanation explanation, Signal signal) {
    if (!explanation.reasons().isEmpty()) {
      return explanation.reasons();
    }
    return List.of("the rule's signal was seen: " + signal.evidence().summary());
  }

  /** Confidence to two decimals, so sums of bonuses read as they were written. */
  static double round(double confidence) {
    return Math.round(confidence * 100) / 100.0;
  }

  private static Instant clearedAt(Rule rule, Signal signal, Explanation explanation) {
    if (rule.resolve().onResourceSaverExit() && explanation.clearedAt().isPresent()) {
      Instant exit = explanation.clearedAt().get();
      return exit.isBefore(signal.onset()) ? signal.onset() : exit;
    }
    if (rule.resolve().onSignalCleared() && signal.clearedAt().isPresent()) {
      return signal.clearedAt().get();
    }
    return null;
  }

  /** The incident with one more piece of evidence; a second delivery of the same is ignored. */
  static Incident withEvidence(Incident incident, Evidence added, Rule rule) {
    if (incident.evidence().stream().anyMatch(e -> e.eventId().equals(added.eventId()))) {
      return incident;
    }
    List<Evidence> evidence = new ArrayList<>(incident.evidence());
    evidence.add(added);
    evidence.sort(Comparator.comparing(Evidence::ts));
    double confidence = incident.confidence();
    List<String> reasons = new ArrayList<>(incident.confidenceReasons());
    Set<String> kinds = hangKinds(evidence);
    if (HANG_EVIDENCE.contains(added.type())
        && kinds.size() > hangKinds(incident.evidence()).size()) {
      confidence =
          round(Math.min(ConfidenceModel.MAX, confidence + rule.confidence().perAgreeingSignal()));
      reasons.removeIf(r -> r.startsWith(AGREE));
      reasons.add(AGREE + String.join(", ", kinds));
    }
    Instant updated = later(incident.updatedAt(), added.ts());
    return copy(
        incident, incident.status(), incident.resolvedAt(), updated, confidence, reasons, evidence);
  }

  /** The incident with a reason and a confidence bonus added, unless it has that reason. */
  static Incident withReason(Incident incident, String reason, double add, Evidence evidence) {
    if (incident.confidenceReasons().contains(reason)) {
      return incident;
    }
    List<String> reasons = new ArrayList<>(incident.confidenceReasons());
    reasons.add(reason);
    List<Evidence> all = new ArrayList<>(incident.evidence());
    if (evidence != null && all.stream().noneMatch(e -> e.eventId().equals(evidence.eventId()))) {
      all.add(evidence);
    }
    double confidence = round(Math.min(ConfidenceModel.MAX, incident.confidence() + add));
    Instant updated =
        evidence == null ? incident.updatedAt() : later(incident.updatedAt(), evidence.ts());
    return copy(
        incident, incident.status(), incident.resolvedAt(), updated, confidence, reasons, all);
  }

  /**
   * The incident with its confidence lowered to {@code confidence} for the reason given: later
   * evidence showed another cause of what it saw (a silence that was a sleep).
   */
  static Incident doubted(Incident incident, String reason, double confidence, Evidence evidence) {
    if (incident.confidenceReasons().contains(reason)) {
      return incident;
    }
    List<String> reasons = new ArrayList<>(incident.confidenceReasons());
    reasons.add(reason);
    List<Evidence> all = new ArrayList<>(incident.evidence());
    all.add(evidence);
    all.sort(Comparator.comparing(Evidence::ts));
    return copy(
        incident,
        incident.status(),
        incident.resolvedAt(),
        later(incident.updatedAt(), evidence.ts()),
        Math.min(incident.confidence(), confidence),
        reasons,
        all);
  }

  static Incident resolved(Incident incident, Evidence clearedBy, Instant at) {
    List<Evidence> evidence = new ArrayList<>(incident.evidence());
    if (clearedBy != null
        && evidence.stream().noneMatch(e -> e.eventId().equals(clearedBy.eventId()))) {
      evidence.add(clearedBy);
    }
    Instant resolvedAt = at.isBefore(incident.onset()) ? incident.onset() : at;
    return copy(
        incident,
        Incident.Status.RESOLVED,
        resolvedAt,
        later(incident.updatedAt(), resolvedAt),
        incident.confidence(),
        incident.confidenceReasons(),
        evidence);
  }

  static String idOf(String host, String rule, String firstEventId) {
    byte[] seed = (host + "\n" + rule + "\n" + firstEventId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(seed).toString();
  }

  static boolean hasEvidenceOfType(Incident incident, String type) {
    return incident.evidence().stream().anyMatch(e -> e.type().equals(type));
  }

  static boolean isHangEvidence(String type) {
    return HANG_EVIDENCE.contains(type);
  }

  private static Set<String> hangKinds(List<Evidence> evidence) {
    Set<String> kinds = new TreeSet<>();
    evidence.stream().map(Evidence::type).filter(HANG_EVIDENCE::contains).forEach(kinds::add);
    return kinds;
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  private static Incident copy(
      Incident i,
      Incident.Status status,
      Instant resolvedAt,
      Instant updatedAt,
      double confidence,
      List<String> reasons,
      List<Evidence> evidence) {
    return new Incident(
        i.id(),
        i.host(),
        i.rule(),
        i.title(),
        status,
        i.severity(),
        i.onset(),
        i.openedAt(),
        updatedAt,
        resolvedAt,
        confidence,
        reasons,
        evidence,
        i.context(),
        i.knownIssues(),
        i.remediation(),
        i.missingEvidence());
  }
}
