package dev.stallwatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hang on one host and what explains it. Published on {@code stallwatch.incidents} keyed by
 * {@link #id()}; each new version of the same incident replaces the previous one.
 *
 * @param rule id of the correlation rule that explains the hang ({@code unexplained-hang} if none)
 * @param onset when the hang began, from the hang signal itself
 * @param openedAt event time of the evidence that opened the incident
 * @param updatedAt event time of the latest evidence
 * @param resolvedAt when the hang cleared; null while open
 * @param confidence 0..1, how sure the rule is, with its reasons in {@code confidenceReasons}
 * @param context the host as it was when the incident opened
 * @param missingEvidence for a probable cause, inferred from the host's context alone: what was not
 *     seen that would confirm it ("no Resource Saver transition was seen: ..."); empty when the
 *     evidence itself explains the hang
 */
public record Incident(
    String id,
    String host,
    String rule,
    String title,
    Status status,
    Severity severity,
    Instant onset,
    Instant openedAt,
    Instant updatedAt,
    Instant resolvedAt,
    double confidence,
    List<String> confidenceReasons,
    List<Evidence> evidence,
    HostContext context,
    List<KnownIssueRef> knownIssues,
    String remediation,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missingEvidence) {

  public enum Status {
    OPEN,
    RESOLVED
  }

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
    confidenceReasons = confidenceReasons == null ? List.of() : List.copyOf(confidenceReasons);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    context = context == null ? HostContext.UNKNOWN : context;
    knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
    missingEvidence = missingEvidence == null ? List.of() : List.copyOf(missingEvidence);
  }

  /** An incident whose cause the evidence itself shows. */
  public Incident(
      String id,
      String host,
      String rule,
      String title,
      Status status,
      Severity severity,
      Instant onset,
      Instant openedAt,
      Instant updatedAt,
      Instant resolvedAt,
      double confidence,
      List<String> confidenceReasons,
      List<Evidence> evidence,
      HostContext context,
      List<KnownIssueRef> knownIssues,
      String remediation) {
    this(
        id,
        host,
        rule,
        title,
        status,
        severity,
        onset,
        openedAt,
        updatedAt,
        resolvedAt,
        confidence,
        confidenceReasons,
        evidence,
        context,
        knownIssues,
        remediation,
        List.of());
  }

  /** True when the cause is inferred from the host's context, not seen in its evidence. */
  @JsonIgnore
  public boolean probable() {
    return !missingEvidence.isEmpty();
  }
}
