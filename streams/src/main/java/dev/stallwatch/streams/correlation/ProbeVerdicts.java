package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.streams.correlation.Observations.FailingProbe;
import dev.stallwatch.streams.correlation.Observations.Verdict;
import dev.stallwatch.streams.correlation.rules.SignalKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a frozen distro from a stuck WSL service when {@code wsl.exe} into the distro fails. The
 * probe alone cannot: both time out. The distro's own collector can: a frozen distro stops
 * reporting, a distro behind a stuck {@code wsl.exe} (Windows networking, the WSL service) goes on.
 * So a failing probe is held until the distro has reported for {@link #JUDGE_AFTER} with no gap
 * over {@link #MAX_REPORT_GAP} and no hang signal (then {@code wsl_unresponsive}), or until it
 * stopped reporting, showed a hang, or the probe answered again (then {@code distro_probe}).
 */
final class ProbeVerdicts {

  /** How long the distro must keep reporting before a stuck service is the verdict. */
  static final Duration JUDGE_AFTER = Duration.ofSeconds(60);

  /** A longer gap between the distro's own reports means it stopped, if only for a while. */
  static final Duration MAX_REPORT_GAP = Duration.ofSeconds(30);

  /** A hang signal reported this long before the failure still shows the distro hung. */
  static final Duration HANG_BEFORE = Duration.ofSeconds(30);

  /** Signals that show the distro itself stopped or hung, not just {@code wsl.exe} into it. */
  static final Set<String> STOPS_THE_DISTRO =
      Set.of(
          SignalKinds.HUNG_TASK,
          SignalKinds.APT_STALL,
          SignalKinds.IO_STALL,
          SignalKinds.FREEZE,
          SignalKinds.SUSPENDED,
          SignalKinds.HOST_SILENT,
          SignalKinds.kernel("rcu_stall"));

  private ProbeVerdicts() {}

  /** A probe failed: the first failure waits for a verdict; later ones join what it became. */
  static void onFailing(Matching matching, Work work, DistroProbe probe) {
    Signal signal = Signal.of(probe).orElseThrow();
    Observations seen = work.facts.seen();
    FailingProbe failing = seen.probe();
    if (failing == null) {
      FailingProbe started =
          new FailingProbe(probe.ts(), signal.evidence(), null, 0, seen.lastDistroReport(), 0);
      work.facts = work.facts.withSeen(seen.withProbe(started));
    } else if (failing.verdict() == Verdict.DISTRO_STOPPED) {
      matching.onSignal(work, signal);
    } else if (failing.verdict() == Verdict.SERVICE_STUCK) {
      matching.onSignal(work, unresponsive(failing, signal.evidence()));
    }
  }

  /** The probe answered: a pending failure is judged on what was seen, then it is over. */
  static void onAnswering(Matching matching, Work work, Instant at) {
    judge(matching, work, at, true);
    work.facts = work.facts.withSeen(work.facts.seen().withProbe(null));
  }

  /**
   * Judges a pending failure as of {@code now}.
   *
   * @param last nothing more will be learnt about it (the probe answered, the recording ended)
   */
  static void judge(Matching matching, Work work, Instant now, boolean last) {
    Observations seen = work.facts.seen();
    FailingProbe failing = seen.probe();
    if (failing == null || failing.verdict() != null) {
      return;
    }
    Optional<Verdict> verdict = verdict(failing, seen, now, last);
    if (verdict.isEmpty()) {
      return;
    }
    work.facts = work.facts.withSeen(seen.withProbe(failing.judged(verdict.get())));
    Signal signal =
        verdict.get() == Verdict.SERVICE_STUCK
            ? unresponsive(failing, failing.evidence())
            : new Signal(
                SignalKinds.DISTRO_PROBE, failing.since(), failing.evidence(), Optional.empty());
    matching.onSignal(work, signal);
  }

  private static Optional<Verdict> verdict(
      FailingProbe failing, Observations seen, Instant now, boolean last) {
    Instant hang = seen.lastHangSignal();
    if (hang != null && !hang.isBefore(failing.since().minus(HANG_BEFORE))) {
      return Optional.of(Verdict.DISTRO_STOPPED);
    }
    boolean gapless =
        failing.reports() > 0 && failing.longestGapMillis() <= MAX_REPORT_GAP.toMillis();
    if (failing.reports() > 0 && !gapless) {
      return Optional.of(Verdict.DISTRO_STOPPED);
    }
    Instant newest = failing.lastReport();
    boolean quiet = newest == null || Duration.between(newest, now).compareTo(MAX_REPORT_GAP) > 0;
    if (quiet && !now.isBefore(failing.since().plus(JUDGE_AFTER))) {
      return Optional.of(Verdict.DISTRO_STOPPED);
    }
    if (gapless && (last || !newest.isBefore(failing.since().plus(JUDGE_AFTER)))) {
      return Optional.of(Verdict.SERVICE_STUCK);
    }
    return last ? Optional.of(Verdict.DISTRO_STOPPED) : Optional.empty();
  }

  private static Signal unresponsive(FailingProbe failing, Evidence probe) {
    long seconds = Duration.between(failing.since(), failing.lastReport()).toSeconds();
    Evidence evidence =
        new Evidence(
            probe.eventId(),
            probe.type(),
            probe.ts(),
            probe.summary()
                + "; the distro itself kept reporting (%d reports over %d s since %s, none more"
                    .formatted(failing.reports(), Math.max(0, seconds), failing.since())
                + " than %d s apart)".formatted(MAX_REPORT_GAP.toSeconds()),
            probe.line());
    return new Signal(SignalKinds.WSL_UNRESPONSIVE, failing.since(), evidence, Optional.empty());
  }
}
