package dev.stallwatch.collector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one source learned that another needs, shared within one collector: the {@code
 * autoMemoryReclaim} mode the inventory read (the reclaim source only infers reclaim under a mode
 * that reclaims), and how Docker Desktop's backend API endpoints answered the sources that asked
 * them (the inventory reports it). Thread-safe.
 */
final class HostFacts {

  private volatile String autoMemoryReclaim;
  private final Map<String, String> backendApi = new ConcurrentHashMap<>();

  /**
   * Records how a backend API endpoint answered its last call.
   *
   * @param endpoint e.g. {@code GET /idle}
   * @param outcome {@code answered}, or {@code no answer: } and why
   */
  void backendApi(String endpoint, String outcome) {
    backendApi.put(endpoint, outcome);
  }

  /** Every backend API endpoint asked so far, with its last outcome. */
  Map<String, String> backendApi() {
    return Map.copyOf(backendApi);
  }

  void autoMemoryReclaim(String mode) {
    this.autoMemoryReclaim = mode;
  }

  /** The raw mode from .wslconfig, null when unset or not read yet. */
  String autoMemoryReclaim() {
    return autoMemoryReclaim;
  }

  /**
   * Whether WSL may reclaim memory on its own: {@code gradual} or {@code dropcache}, and also an
   * unset or unknown value, since recent WSL builds default to {@code dropcache}.
   */
  boolean reclaimMayRun() {
    String mode = autoMemoryReclaim;
    return mode == null || !mode.strip().equalsIgnoreCase("disabled");
  }
}
