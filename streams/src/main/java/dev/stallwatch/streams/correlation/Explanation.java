package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a rule thinks a hang happened.
 *
 * @param causes evidence of the cause (e.g. the Resource Saver entry), besides the hang itself
 * @param clearedAt when the cause ended, if it already has (the hang should clear then)
 */
record Explanation(
    String rule,
    String title,
    Severity severity,
    double confidence,
    List<String> reasons,
    List<Evidence> causes,
    List<KnownIssueRef> knownIssues,
    String remediation,
    Optional<Instant> clearedAt) {

  Explanation {
    reasons = List.copyOf(reasons);
    causes = List.copyOf(causes);
    knownIssues = List.copyOf(knownIssues);
  }
}
