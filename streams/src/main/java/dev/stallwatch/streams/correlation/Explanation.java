package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.streams.correlation.rules.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a rule thinks a hang happened.
 *
 * @param causes evidence of the cause (e.g. the Resource Saver entry), besides the hang itself
 * @param clearedAt when the cause already ended (the hang should have cleared then)
 * @param missingEvidence for a probable cause: what was not seen that would confirm it
 */
record Explanation(
    Rule rule,
    double confidence,
    List<String> reasons,
    List<Evidence> causes,
    Optional<Instant> clearedAt,
    List<String> missingEvidence) {

  Explanation {
    reasons = List.copyOf(reasons);
    causes = List.copyOf(causes);
    missingEvidence = List.copyOf(missingEvidence);
  }

  /** An explanation the evidence itself gives. */
  Explanation(
      Rule rule,
      double confidence,
      List<String> reasons,
      List<Evidence> causes,
      Optional<Instant> clearedAt) {
    this(rule, confidence, reasons, causes, clearedAt, List.of());
  }

  boolean probable() {
    return !missingEvidence.isEmpty();
  }
}
