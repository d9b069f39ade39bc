package dev.stallwatch.server.fleet;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dashboard knows of the fleet, in memory and bounded: each host's latest {@link
 * HostState}, the cohorts and mitigations the analyzer counts, and a {@link HostHistory} per host.
 * Hosts past {@code maxHosts} push out the one updated longest ago, in the state and the histories
 * alike, so a fleet of any size costs at most {@code maxHosts} histories. A {@link FleetFeed} fills
 * it; the API reads it from request threads.
 */
public final class FleetView {

  /**
   * Enough for a large team. A host reporting all day with its markers and bands full takes about
   * 17 KB (HostTimelineScaleTest prints it), so the bound costs at most about 340 MB of heap.
   */
  public static final int DEFAULT_MAX_HOSTS = 20_000;

  private final int maxHosts;
  private final Map<String, HostState> hosts;
  private final Map<String, HostHistory> histories;
  private final Map<String, CohortStats> cohorts;
  private final Map<String, MitigationStats> mitigations = new LinkedHashMap<>();
  private final AtomicLong skipped = new AtomicLong();

  public FleetView() {
    this(DEFAULT_MAX_HOSTS);
  }

  public FleetView(int maxHosts) {
    if (maxHosts < 1) {
      throw new IllegalArgumentException("maxHosts must be at least 1, was " + maxHosts);
    }
    this.maxHosts = maxHosts;
    this.hosts = bounded(maxHosts);
    this.histories = bounded(maxHosts);
    // Each host is in one cohort, so there are never more cohorts worth keeping than hosts.
    this.cohorts = bounded(maxHosts);
  }

  /** A map that drops its least recently used entry past {@code max}. */
  private static <V> Map<String, V> bounded(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  public int maxHosts() {
    return maxHosts;
  }

  public synchronized void apply(HostState state) {
    hosts.put(state.host(), state);
  }

  /** Keeps the cohort; one the analyzer emptied (no hosts left) is forgotten. */
  public synchronized void apply(CohortStats cohort) {
    if (cohort.hosts() <= 0) {
      cohorts.remove(cohort.key());
    } else {
      cohorts.put(cohort.key(), cohort);
    }
  }

  public synchronized void apply(MitigationStats stats) {
    mitigations.put(stats.kind(), stats);
  }

  /** Adds a telemetry event to its host's history, starting one for a host not seen yet. */
  public void record(TelemetryEvent event) {
    HostHistory history;
    synchronized (this) {
      history = histories.computeIfAbsent(event.host(), h -> new HostHistory());
    }
    history.record(event);
  }

  /** Counts a record of the topics that could not be read. */
  public void skipped() {
    skipped.incrementAndGet();
  }

  /** How many records of the topics could not be read and were skipped. */
  public long skippedRecords() {
    return skipped.get();
  }

  public synchronized List<HostState> hosts() {
    return List.copyOf(hosts.values());
  }

  public synchronized Optional<HostState> host(String id) {
    return Optional.ofNullable(hosts.get(id));
  }

  /** The host's history; empty when it sent no telemetry within the last day. */
  public synchronized Optional<HostHistory> history(String id) {
    return Optional.ofNullable(histories.get(id));
  }

  public synchronized List<CohortStats> cohorts() {
    return new ArrayList<>(cohorts.values());
  }

  public synchronized List<MitigationStats> mitigations() {
    return new ArrayList<>(mitigations.values());
  }
}
