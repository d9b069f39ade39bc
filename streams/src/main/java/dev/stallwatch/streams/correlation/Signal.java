package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.SignalKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something on a host that a rule may explain, dated from when it started, not from when it was
 * reported: a hung-task message comes N seconds after the task blocked, a stalled apt run began at
 * its last progress, a freeze at its first missed tick.
 *
 * @param kind one of {@link SignalKinds}
 * @param clearedAt when it already ended, if the signal itself says so (a freeze's end)
 */
record Signal(String kind, Instant onset, Evidence evidence, Optional<Instant> clearedAt) {

  /** An error code as wsl.exe prints it after "Error code: ". */
  private static final Pattern WSL_ERROR = Pattern.compile("Wsl/[A-Za-z0-9_/]+");

  /** Less unseen time than this is clock noise, not a suspend. */
  static final Duration SUSPEND_MIN_UNSEEN = Duration.ofSeconds(30);

  /** The signal an event carries, if it carries one. */
  static Optional<Signal> of(TelemetryEvent event) {
    return switch (event) {
      case HungTask hung ->
          signal(
              SignalKinds.HUNG_TASK,
              hung.onset(),
              evidence(
                  hung,
                  "%s:%d blocked for more than %d s"
                      .formatted(hung.comm(), hung.pid(), hung.blockedSeconds()),
                  hung.line()));
      case AptStall stall when stall.phase() == AptStall.Phase.STALLED ->
          signal(
              SignalKinds.APT_STALL,
              stall.lastProgress(),
              evidence(
                  stall,
                  "%s made no progress for %d s"
                      .formatted(describe(stall.commandline()), stall.stalledSeconds()),
                  stall.lastLine()));
      case IoStall io ->
          signal(
              SignalKinds.IO_STALL,
              io.ts().minusMillis(Math.max(0, io.stalledMillis())),
              evidence(
                  io,
                  "I/O on %s made no progress for %d s (%s)"
                      .formatted(io.subject(), io.stalledMillis() / 1000, io.kind()),
                  io.detail()));
      case DistroProbe probe when isDown(probe.status()) -> distroDown(probe);
      case KernelLog kernel ->
          signal(
              SignalKinds.kernel(kernel.rule()),
              kernel.ts(),
              evidence(kernel, "kernel: " + kernel.rule(), kernel.line()));
      case Reclaim reclaim when reclaim.failed() ->
          signal(
              SignalKinds.RECLAIM_FAILED,
              reclaim.ts(),
              evidence(
                  reclaim,
                  "WSL's memory.reclaim write failed with errno %d%s"
                      .formatted(
                          reclaim.errno(), reclaim.errno() == Reclaim.EAGAIN ? " (EAGAIN)" : ""),
                  reclaim.line()));
      case EngineProbe probe when isDown(probe.status()) && !probe.waitingClients().isEmpty() ->
          Optional.of(dockerWaiting(probe));
      case Freeze freeze when suspended(freeze) -> Optional.of(suspend(freeze));
      case Freeze freeze -> Optional.of(freeze(freeze));
      case DockerCli cli when cli.state() == DockerCli.State.MISSING -> dockerCliMissing(cli);
      default -> Optional.empty();
    };
  }

  private static Optional<Signal> distroDown(DistroProbe probe) {
    return signal(
        SignalKinds.DISTRO_PROBE,
        probe.ts(),
        evidence(
            probe,
            "wsl.exe into %s: %s%s"
                .formatted(probe.distro(), probe.status(), wslError(probe.detail())),
            probe.detail()));
  }

  private static Optional<Signal> dockerCliMissing(DockerCli cli) {
    return signal(
        SignalKinds.DOCKER_CLI_MISSING,
        cli.ts(),
        evidence(cli, "the docker command vanished from " + cli.path(), cli.detail()));
  }

  /** Dated from when the longest-waiting command started. */
  private static Signal dockerWaiting(EngineProbe probe) {
    EngineProbe.WaitingClient longest =
        probe.waitingClients().stream()
            .max(Comparator.comparingLong(EngineProbe.WaitingClient::waitedSeconds))
            .orElseThrow();
    return new Signal(
        SignalKinds.DOCKER_WAITING,
        probe.ts().minusSeconds(longest.waitedSeconds()),
        evidence(
            probe,
            "%s (pid %d) waited %d s for a Docker engine that did not answer"
                .formatted(longest.comm(), longest.pid(), longest.waitedSeconds()),
            probe.detail()),
        Optional.empty());
  }

  private static Signal freeze(Freeze freeze) {
    return new Signal(
        SignalKinds.FREEZE,
        freeze.from(),
        evidence(
            freeze,
            "the collector was frozen for %d s, from %s to %s"
                .formatted(freeze.duration().toSeconds(), freeze.from(), freeze.to()),
            null),
        Optional.of(freeze.to()));
  }

  /**
   * Whether the guest was suspended rather than the collector frozen: the monotonic clock missed
   * more than half of the gap, and more than {@link #SUSPEND_MIN_UNSEEN}. A process stopped by the
   * cgroup freezer sees both clocks run on; a suspended VM's monotonic clock stands still while its
   * wall clock is put forward when it resumes.
   */
  static boolean suspended(Freeze freeze) {
    Duration unseen = freeze.unseenByMonotonicClock();
    return unseen.compareTo(SUSPEND_MIN_UNSEEN) > 0
        && unseen.multipliedBy(2).compareTo(freeze.duration()) > 0;
  }

  private static Signal suspend(Freeze freeze) {
    return new Signal(
        SignalKinds.SUSPENDED,
        freeze.from(),
        evidence(
            freeze,
            "the guest was suspended for %d s, from %s to %s (its monotonic clock saw %d s of it)"
                .formatted(
                    freeze.duration().toSeconds(),
                    freeze.from(),
                    freeze.to(),
                    freeze.duration().minus(freeze.unseenByMonotonicClock()).toSeconds()),
            null),
        Optional.of(freeze.to()));
  }

  /**
   * The WSL error code a failing {@code wsl.exe} printed ({@code Wsl/Service/E_UNEXPECTED}, {@code
   * Wsl/0x800703e3}, ...), as " with CODE", or nothing.
   */
  private static String wslError(String detail) {
    if (detail == null) {
      return "";
    }
    Matcher code = WSL_ERROR.matcher(detail);
    return code.find() ? " with " + code.group() : "";
  }

  static boolean isDown(ProbeStatus status) {
    return status == ProbeStatus.TIMEOUT || status == ProbeStatus.FAILED;
  }

  static Evidence evidence(TelemetryEvent event, String summary, String line) {
    return new Evidence(event.id(), event.type(), event.ts(), summary, line);
  }

  private static Optional<Signal> signal(String kind, Instant onset, Evidence evidence) {
    return Optional.of(new Signal(kind, onset, evidence, Optional.empty()));
  }

  private static String describe(String commandline) {
    return commandline == null || commandline.isBlank() ? "an apt run" : commandline;
  }
}
