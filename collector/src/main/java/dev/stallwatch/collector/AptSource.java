package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Watches apt and dpkg runs: tails {@code var/log/apt/term.log} and {@code history.log} and looks
 * at apt/dpkg processes. Progress is a new log line or CPU time spent by those processes; a run
 * that makes none for the threshold sends {@code apt_stall} STALLED once, and RECOVERED when it
 * ends or moves again. Only the run's command line and its last output line leave the machine.
 */
final class AptSource implements Source {

  static final Set<String> APT_COMMS =
      Set.of("apt", "apt-get", "aptitude", "dpkg", "unattended-upgr", "apt-check", "http", "https");

  private final TaskTable table;
  private final TailedFile term;
  private final TailedFile history;
  private final Duration interval;
  private final AptRunTracker tracker;

  AptSource(
      Path root,
      TaskTable table,
      CheckpointStore checkpoints,
      boolean fromStart,
      Duration interval,
      Duration stallAfter) {
    this.table = table;
    this.term = new TailedFile(root.resolve("var/log/apt/term.log"), checkpoints, fromStart);
    this.history = new TailedFile(root.resolve("var/log/apt/history.log"), checkpoints, fromStart);
    this.interval = interval;
    this.tracker = new AptRunTracker(stallAfter);
  }

  @Override
  public String name() {
    return "apt";
  }

  @Override
  public String description() {
    return "reads var/log/apt/term.log and history.log (tailed, with checkpoints) and "
        + "proc/[pid]/stat, cmdline of apt and dpkg processes; sends apt_stall with the "
        + "run's command line and its last output line when a run stops progressing, and "
        + "when it recovers";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    FileTailer.Batch termLines = term.poll();
    FileTailer.Batch historyLines = history.poll();
    List<ProcTaskParser.Task> apt = new ArrayList<>();
    long cpu = 0;
    try {
      for (ProcTaskParser.Task task : table.tasks()) {
        if (APT_COMMS.contains(task.comm())) {
          apt.add(task);
          cpu += task.cpuTicks();
        }
      }
    } catch (SourceAbsentException e) {
      // No /proc (a capture without it): the logs alone still tell runs apart.
    }
    if (!termLines.present() && !historyLines.present() && apt.isEmpty()) {
      throw new SourceAbsentException("no " + term.file() + " and no apt or dpkg process");
    }
    String commandline =
        apt.isEmpty() ? null : ProcTasks.commandLine(table.proc(), apt.getFirst().pid());
    AptRunTracker.Observation seen =
        new AptRunTracker.Observation(
            termLines.lines(), historyLines.lines(), apt.size(), cpu, commandline);
    return tracker.accept(seen, now, envelopes);
  }

  @Override
  public void afterEmit(EventSink sink) {
    term.commitAfterDelivery(sink);
    history.commitAfterDelivery(sink);
  }
}
