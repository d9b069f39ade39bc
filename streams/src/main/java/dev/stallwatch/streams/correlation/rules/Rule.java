package dev.stallwatch.streams.correlation.rules;

import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One known cause of hangs, as a rule file describes it.
 *
 * @param fallback this rule explains what no other rule does (one per rule set)
 * @param signals the signal kinds it accepts ({@link SignalKinds})
 * @param persist how long a state signal must last before the rule opens an incident
 * @param afterSuspend when set, the rule only explains hangs right after the guest was suspended
 * @param probable when set, how the rule names a probable cause from the host's context alone
 * @param setupRisk whether a host whose context matches is counted at risk of this hang; false for
 *     causes that take a user's action (a manual Pause), not just the host's setup
 * @param inhibits rules whose alerts on the same host are muted while this rule's alert fires
 * @param source the file the rule came from, for messages
 */
public record Rule(
    String id,
    String title,
    Severity severity,
    boolean fallback,
    Set<String> signals,
    ContextMatch context,
    ResourceSaverRelation resourceSaver,
    SuspendRelation afterSuspend,
    ProbableCause probable,
    Duration persist,
    ConfidenceModel confidence,
    Resolution resolve,
    List<KnownIssueRef> knownIssues,
    String remediation,
    List<String> inhibits,
    boolean setupRisk,
    String source) {

  public Rule {
    signals = Set.copyOf(signals);
    knownIssues = List.copyOf(knownIssues);
    inhibits = List.copyOf(inhibits);
  }

  public boolean accepts(String signalKind) {
    return signals.contains(signalKind);
  }

  /** Whether its incidents are hangs (counted in hang rates), not just configuration problems. */
  public boolean isHang() {
    return signals.stream().anyMatch(SignalKinds.HANGS::contains);
  }
}
