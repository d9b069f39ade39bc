package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tasks under {@code proc/}, scanned at most once per half second however many sources ask: the
 * D-state and apt sources both need them every sample, and reading every task's stat is the most
 * expensive thing a sample does. Thread-safe.
 */
final class TaskTable {

  private static final long FRESH_NANOS = 500_000_000L;

  private final Path proc;
  private List<ProcTaskParser.Task> tasks;
  private long scannedAt;

  TaskTable(Path root) {
    this.proc = root.resolve("proc");
  }

  Path proc() {
    return proc;
  }

  synchronized List<ProcTaskParser.Task> tasks() throws IOException {
    long now = System.nanoTime();
    if (tasks == null || now - scannedAt > FRESH_NANOS) {
      tasks = ProcTasks.list(proc);
      scannedAt = now;
    }
    return tasks;
  }
}
