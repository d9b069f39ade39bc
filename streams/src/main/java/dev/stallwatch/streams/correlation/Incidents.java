package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Building and changing incidents; ids derive from their first evidence, so replays agree. */
final class Incidents {

  private static final double MAX_CONFIDENCE = 0.99;
  private static final double PER_AGREEING_SIGNAL = 0.05;

  private Incidents() {}

  static Incident open(HostTimeline timeline, HangSignal signal, Explanation explanation) {
    List<Evidence> evidence = new ArrayList<>(explanation.causes());
    evidence.add(signal.evidence());
    evidence.sort(Comparator.comparing(Evidence::ts));
    Instant reported = signal.evidence().ts();
    Instant cleared = explanation.clearedAt().filter(c -> !c.isBefore(signal.onset())).orElse(null);
    return new Incident(
        idOf(timeline.host(), explanation.rule(), signal.evidence().eventId()),
        timeline.host(),
        explanation.rule(),
        explanation.title(),
        cleared == null ? Incident.Status.OPEN : Incident.Status.RESOLVED,
        explanation.severity(),
        signal.onset(),
        reported,
        reported,
        cleared,
        explanation.confidence(),
        explanation.reasons(),
        evidence,
        timeline.context(),
        explanation.knownIssues(),
        explanation.remediation());
  }

  static Incident withEvidence(Incident incident, Evidence added) {
    if (incident.evidence().stream().anyMatch(e -> e.eventId().equals(added.eventId()))) {
      return incident;
    }
    List<Evidence> evidence = new ArrayList<>(incident.evidence());
    evidence.add(added);
    evidence.sort(Comparator.comparing(Evidence::ts));
    long signalTypes =
        evidence.stream().map(Evidence::type).filter(Incidents::isHangSignal).distinct().count();
    double confidence = incident.confidence();
    List<String> reasons = new ArrayList<>(incident.confidenceReasons());
    if (isHangSignal(added.type()) && signalTypes > 1 && !hasAgreementReason(reasons)) {
      confidence = Math.min(MAX_CONFIDENCE, confidence + PER_AGREEING_SIGNAL);
      reasons.add("independent hang signals agree (hung task and stalled apt)");
    }
    Instant updated = added.ts().isAfter(incident.updatedAt()) ? added.ts() : incident.updatedAt();
    return copy(
        incident, incident.status(), incident.resolvedAt(), updated, confidence, reasons, evidence);
  }

  static Incident resolved(Incident incident, Evidence clearedBy, Instant at) {
    List<Evidence> evidence = new ArrayList<>(incident.evidence());
    if (clearedBy != null) {
      evidence.add(clearedBy);
    }
    Instant updated = at.isAfter(incident.updatedAt()) ? at : incident.updatedAt();
    return copy(
        incident,
        Incident.Status.RESOLVED,
        at,
        updated,
        incident.confidence(),
        incident.confidenceReasons(),
        evidence);
  }

  static String idOf(String host, String rule, String firstEventId) {
    byte[] seed = (host + "\n" + rule + "\n" + firstEventId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(seed).toString();
  }

  private static boolean isHangSignal(String type) {
    return type.equals("hung_task") || type.equals("apt_stall");
  }

  private static boolean hasAgreementReason(List<String> reasons) {
    return reasons.stream().anyMatch(r -> r.startsWith("independent hang signals"));
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
        i.remediation());
  }
}
