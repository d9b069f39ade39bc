package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What tells the look-alikes apart and what a probable cause lacks: recent suspends of the guest,
 * whether a Windows-side collector or Docker Desktop's backend API ever answered for this host, a
 * {@code wsl.exe} probe failure still being judged, and when the distro last reported on its own.
 * Immutable.
 *
 * @param suspends suspends of the last 24 hours, oldest first
 * @param windowsSideSeen the newest event only a Windows-side collector sends; null if none yet
 * @param backendIdleAnswered the latest inventory says Docker Desktop's backend answered {@code GET
 *     /idle}
 * @param probe a failing {@code wsl.exe} probe into the distro, until it answers again
 * @param lastDistroReport the newest report of the distro's own collector (a heartbeat or a sample)
 * @param lastHangSignal the newest hang signal's event time
 */
public record Observations(
    List<Suspend> suspends,
    Instant windowsSideSeen,
    boolean backendIdleAnswered,
    FailingProbe probe,
    Instant lastDistroReport,
    Instant lastHangSignal) {

  static final Observations NONE = new Observations(List.of(), null, false, null, null, null);
  private static final Duration SUSPEND_HORIZON = Duration.ofHours(24);
  private static final int MAX_SUSPENDS = 16;

  public Observations {
    suspends = suspends == null ? List.of() : List.copyOf(suspends);
  }

  /**
   * The guest was suspended from {@code from} to {@code to} (wall clock); {@code unseen} is how
   * much of it the monotonic clock did not see.
   */
  public record Suspend(Instant from, Instant to, Duration unseen, Evidence evidence) {}

  /**
   * {@code wsl.exe} into the distro stopped answering at {@code since}. Until a verdict, nobody
   * knows whether the distro is frozen or the WSL service is stuck: the distro's own reports
   * decide.
   *
   * @param verdict null while pending
   * @param reports the distro's own reports since the failure
   * @param lastReport the newest of the distro's own reports, before or since the failure
   * @param longestGapMillis the longest gap between the distro's own reports since the failure
   */
  public record FailingProbe(
      Instant since,
      Evidence evidence,
      Verdict verdict,
      int reports,
      Instant lastReport,
      long longestGapMillis) {

    FailingProbe reported(Instant at) {
      long gap = lastReport == null ? Long.MAX_VALUE : Duration.between(lastReport, at).toMillis();
      return new FailingProbe(
          since, evidence, verdict, reports + 1, at, Math.max(longestGapMillis, gap));
    }

    FailingProbe judged(Verdict newVerdict) {
      return new FailingProbe(since, evidence, newVerdict, reports, lastReport, longestGapMillis);
    }
  }

  /** What a failing probe turned out to be. */
  public enum Verdict {
    /** The distro itself stopped (frozen, hung): the probe is a hang signal like any other. */
    DISTRO_STOPPED,
    /** The distro kept reporting: {@code wsl.exe} or the WSL service is what hangs. */
    SERVICE_STUCK
  }

  Observations withSuspend(Suspend suspend) {
    List<Suspend> kept = new ArrayList<>(suspends);
    kept.add(suspend);
    kept.sort(Comparator.comparing(Suspend::to));
    Instant oldest = kept.getLast().to().minus(SUSPEND_HORIZON);
    kept.removeIf(s -> s.to().isBefore(oldest));
    while (kept.size() > MAX_SUSPENDS) {
      kept.removeFirst();
    }
    return new Observations(
        kept, windowsSideSeen, backendIdleAnswered, probe, lastDistroReport, lastHangSignal);
  }

  Observations withWindowsSide(Instant at) {
    Instant newest = windowsSideSeen == null || at.isAfter(windowsSideSeen) ? at : windowsSideSeen;
    return new Observations(
        suspends, newest, backendIdleAnswered, probe, lastDistroReport, lastHangSignal);
  }

  Observations withBackendIdleAnswered(boolean answered) {
    return new Observations(
        suspends, windowsSideSeen, answered, probe, lastDistroReport, lastHangSignal);
  }

  Observations withProbe(FailingProbe newProbe) {
    return new Observations(
        suspends, windowsSideSeen, backendIdleAnswered, newProbe, lastDistroReport, lastHangSignal);
  }

  Observations withDistroReport(Instant at) {
    FailingProbe next = probe != null && at.isAfter(probe.since()) ? probe.reported(at) : probe;
    return new Observations(
        suspends, windowsSideSeen, backendIdleAnswered, next, at, lastHangSignal);
  }

  Observations withHangSignal(Instant at) {
    Instant newest = lastHangSignal == null || at.isAfter(lastHangSignal) ? at : lastHangSignal;
    return new Observations(
        suspends, windowsSideSeen, backendIdleAnswered, probe, lastDistroReport, newest);
  }

  /**
   * The suspend a hang beginning at {@code onset} follows: onset within [from - grace, to +
   * within].
   */
  Optional<Suspend> suspendBefore(Instant onset, Duration within, Duration grace) {
    return suspends.stream()
        .filter(s -> !onset.isBefore(s.from().minus(grace)))
        .filter(s -> !onset.isAfter(s.to().plus(within)))
        .reduce((a, b) -> b);
  }
}
