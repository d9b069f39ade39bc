package dev.stallwatch.collector;

import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds tasks in uninterruptible sleep (state D in {@code proc/[pid]/stat}) for longer than the
 * threshold, the way a task stuck on a frozen disk looks, and sends one {@link IoStall} of kind
 * D_STATE per task and episode. Sampling cannot tell a task that left D between two samples, so the
 * time is a lower bound of whole intervals.
 */
final class TaskStateSource implements Source {

  private record Key(int pid, long startTicks) {}

  private record Seen(Instant since, boolean reported) {}

  private final TaskTable table;
  private final Duration interval;
  private final Duration threshold;
  private Map<Key, Seen> blocked = new HashMap<>();

  TaskStateSource(Path root, Duration interval, Duration threshold) {
    this(new TaskTable(root), interval, threshold);
  }

  TaskStateSource(TaskTable table, Duration interval, Duration threshold) {
    this.table = table;
    this.interval = interval;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return "dstate";
  }

  @Override
  public String description() {
    return "reads proc/[pid]/stat of every task; sends an io_stall with the task's name and "
        + "pid when it stays in state D";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    return accept(table.tasks(), now, envelopes);
  }

  List<TelemetryEvent> accept(
      List<ProcTaskParser.Task> tasks, Instant now, EnvelopeFactory envelopes) {
    List<TelemetryEvent> events = new ArrayList<>();
    Map<Key, Seen> next = new HashMap<>();
    for (ProcTaskParser.Task task : tasks) {
      if (task.state() != 'D') {
        continue;
      }
      Key key = new Key(task.pid(), task.startTicks());
      Seen seen = blocked.getOrDefault(key, new Seen(now, false));
      Duration stuck = Duration.between(seen.since(), now);
      if (!seen.reported() && stuck.compareTo(threshold) >= 0) {
        events.add(
            new IoStall(
                envelopes.next(now),
                IoStall.Kind.D_STATE,
                task.comm() + ":" + task.pid(),
                stuck.toMillis(),
                "task in uninterruptible sleep (D) for at least " + stuck.toSeconds() + " s"));
        seen = new Seen(seen.since(), true);
      }
      next.put(key, seen);
    }
    blocked = next;
    return events;
  }
}
