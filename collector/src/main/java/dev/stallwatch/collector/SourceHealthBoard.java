package dev.stallwatch.collector;

import dev.stallwatch.model.event.Heartbeat.SourceHealth;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The latest health of each source, written by the threads that run them, read by heartbeats. */
final class SourceHealthBoard {

  private final Map<String, SourceHealth> health = new ConcurrentHashMap<>();

  /**
   * Records the source's new health.
   *
   * @return the health it had before, null if none
   */
  SourceHealth set(String source, Status status, String error) {
    return health.put(source, new SourceHealth(status, error));
  }

  SourceHealth get(String source) {
    return health.get(source);
  }

  /** A copy, sorted by source name. */
  Map<String, SourceHealth> snapshot() {
    return new TreeMap<>(health);
  }
}
