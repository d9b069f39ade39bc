package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hang that began while Docker Desktop was in Resource Saver on a host whose .wslconfig sets
 * {@code autoMemoryReclaim=gradual} (microsoft/WSL#11066): disk-touching commands freeze until
 * Docker Desktop wakes up.
 */
final class ResourceSaverGradualRule implements HangRule {

  static final String ID = "resource-saver-gradual";

  /** Clock skew allowed between the hang's onset and the logged Resource Saver entry. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  /** A hang this soon after the entry is most likely caused by it. */
  private static final Duration CLOSE_AFTER_ENTRY = Duration.ofMinutes(10);

  private static final List<KnownIssueRef> KNOWN_ISSUES =
      List.of(
          KnownIssueRef.of("microsoft/WSL#11066"),
          KnownIssueRef.of("microsoft/WSL#10901"),
          KnownIssueRef.of("docker/for-win#14656"));

  private static final String REMEDIATION =
      "Wake Docker Desktop (open it or start a container) to unfreeze the distro now. To stop it"
          + " happening: set autoMemoryReclaim=dropcache under [experimental] in"
          + " %UserProfile%\\.wslconfig and run wsl --shutdown, or turn Resource Saver off"
          + " (Settings > Resources > Advanced), or upgrade Docker Desktop to 4.43.0 or later.";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean clearsOnResourceSaverExit() {
    return true;
  }

  @Override
  public Optional<Explanation> explain(HangSignal signal, HostTimeline timeline) {
    if (!"gradual".equalsIgnoreCase(strip(timeline.context().autoMemoryReclaim()))) {
      return Optional.empty();
    }
    return timeline
        .transitionAtOrBefore(signal.onset().plus(GRACE))
        .filter(Transition::entered)
        .map(entry -> explain(signal, timeline, entry));
  }

  private Explanation explain(HangSignal signal, HostTimeline timeline, Transition entry) {
    Duration sinceEntry = Duration.between(entry.at(), signal.onset());
    List<String> reasons = new ArrayList<>();
    reasons.add(".wslconfig sets autoMemoryReclaim=gradual");
    reasons.add(
        "the hang began %d s after Docker Desktop entered Resource Saver"
            .formatted(Math.max(0, sinceEntry.toSeconds())));
    double confidence = 0.7;
    if (sinceEntry.compareTo(CLOSE_AFTER_ENTRY) <= 0) {
      confidence += 0.15;
    }
    Optional<Transition> exit = timeline.transitionAfter(entry.at()).filter(t -> !t.entered());
    List<Evidence> causes = new ArrayList<>();
    causes.add(entry.evidence());
    exit.ifPresent(
        e -> {
          causes.add(e.evidence());
          reasons.add("Resource Saver has since ended, which should clear the hang");
        });
    return new Explanation(
        ID,
        "Hang while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
        Severity.CRITICAL,
        confidence,
        reasons,
        causes,
        KNOWN_ISSUES,
        REMEDIATION,
        exit.map(Transition::at));
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
