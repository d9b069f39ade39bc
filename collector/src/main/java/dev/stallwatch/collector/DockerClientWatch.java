package dev.stallwatch.collector;

import dev.stallwatch.model.event.EngineProbe;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker commands that started while the engine did not answer and are still waiting for it.
 * Resource Saver is meant to wake as soon as a docker command talks to the engine; a command that
 * waits long after it started is the engine staying paused while the user runs docker. Commands
 * that were already running when the engine stopped answering ({@code docker events}, a {@code
 * docker logs -f}) are not counted: they are not waiting for a wake-up.
 */
final class DockerClientWatch {

  /**
   * Process names of the docker CLI and its compose plugin, as {@code proc/[pid]/stat} has them.
   */
  static final Set<String> CLIENTS = Set.of("docker", "docker-compose", "com.docker.cli");

  /** The machine's tasks now ({@link TaskTable#tasks()}; a fixture tree in tests). */
  @FunctionalInterface
  interface Tasks {
    List<ProcTaskParser.Task> now() throws IOException;
  }

  private record Key(int pid, long startTicks) {}

  private final Tasks tasks;
  private final Duration wait;
  private Set<Key> before;
  private Map<Key, Instant> firstSeen = new HashMap<>();
  private final Set<Key> reported = new HashSet<>();

  DockerClientWatch(Tasks tasks, Duration wait) {
    this.tasks = tasks;
    this.wait = wait;
  }

  /**
   * The engine answers, or is gone: whatever waited has its answer; the next outage starts afresh.
   */
  void startAfresh() {
    before = null;
    firstSeen = new HashMap<>();
    reported.clear();
  }

  /**
   * The engine did not answer this probe. Returns the commands started since it stopped answering
   * that have now waited at least the threshold and were not returned before.
   *
   * @param report false while the silence is not yet reported (too few probes agree): commands are
   *     followed but none is returned, so none is spent before it can be sent
   */
  List<EngineProbe.WaitingClient> engineSilent(Instant now, boolean report) throws IOException {
    List<ProcTaskParser.Task> clients =
        tasks.now().stream().filter(task -> CLIENTS.contains(task.comm())).toList();
    if (before == null) {
      before = new HashSet<>();
      clients.forEach(task -> before.add(key(task)));
      return List.of();
    }
    Map<Key, Instant> next = new HashMap<>();
    List<EngineProbe.WaitingClient> overdue = new ArrayList<>();
    for (ProcTaskParser.Task task : clients) {
      Key key = key(task);
      if (before.contains(key)) {
        continue;
      }
      Instant since = firstSeen.getOrDefault(key, now);
      next.put(key, since);
      Duration waited = Duration.between(since, now);
      if (report && waited.compareTo(wait) >= 0 && reported.add(key)) {
        overdue.add(new EngineProbe.WaitingClient(task.comm(), task.pid(), waited.toSeconds()));
      }
    }
    firstSeen = next;
    return overdue;
  }

  private static Key key(ProcTaskParser.Task task) {
    return new Key(task.pid(), task.startTicks());
  }
}
