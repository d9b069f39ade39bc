package dev.stallwatch.collector;

import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The state of apt runs over successive observations, pure: whether a run is going (an open
 * term.log block, or apt/dpkg processes), when it last made progress, and whether its stall was
 * reported.
 */
final class AptRunTracker {

  /**
   * What one sample saw.
   *
   * @param termLines new term.log lines
   * @param historyLines new history.log lines
   * @param processes apt/dpkg processes running
   * @param cpuTicks their CPU time together
   * @param commandline the command line of one of them, if any
   */
  record Observation(
      List<String> termLines,
      List<String> historyLines,
      int processes,
      long cpuTicks,
      String commandline) {}

  private final Duration stallAfter;
  private boolean openBlock;
  private boolean running;
  private Instant lastProgress;
  private long lastCpu = -1;
  private int lastProcesses;
  private String lastLine;
  private String commandline;
  private boolean stalled;

  AptRunTracker(Duration stallAfter) {
    this.stallAfter = stallAfter;
  }

  List<TelemetryEvent> accept(Observation seen, Instant now, EnvelopeFactory envelopes) {
    boolean progress = readLogs(seen);
    if (seen.commandline() != null) {
      commandline = seen.commandline();
    }
    progress |=
        seen.processes() > 0 && (seen.cpuTicks() != lastCpu || seen.processes() != lastProcesses);
    lastCpu = seen.cpuTicks();
    lastProcesses = seen.processes();
    boolean nowRunning = openBlock || seen.processes() > 0;
    if (nowRunning && !running) {
      lastProgress = now;
    }
    running = nowRunning;
    if (!running || progress) {
      List<TelemetryEvent> out =
          stalled ? List.of(event(AptStall.Phase.RECOVERED, now, envelopes)) : List.of();
      stalled = false;
      lastProgress = now;
      if (!running) {
        commandline = null;
      }
      return out;
    }
    if (!stalled && Duration.between(lastProgress, now).compareTo(stallAfter) >= 0) {
      stalled = true;
      return List.of(event(AptStall.Phase.STALLED, now, envelopes));
    }
    return List.of();
  }

  private boolean readLogs(Observation seen) {
    boolean progress = false;
    for (String line : seen.termLines()) {
      progress = true;
      if (line.startsWith("Log started: ")) {
        openBlock = true;
      } else if (line.startsWith("Log ended: ")) {
        openBlock = false;
      } else if (!line.isBlank()) {
        lastLine = line;
      }
    }
    for (String line : seen.historyLines()) {
      progress = true;
      if (line.startsWith("Commandline: ")) {
        commandline = line.substring("Commandline: ".length());
      }
    }
    return progress;
  }

  private AptStall event(AptStall.Phase phase, Instant now, EnvelopeFactory envelopes) {
    return new AptStall(
        envelopes.next(now),
        phase,
        commandline,
        lastProgress,
        Duration.between(lastProgress, now).toSeconds(),
        lastLine);
  }
}
