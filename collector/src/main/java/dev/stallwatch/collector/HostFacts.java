package dev.stallwatch.collector;

/**
 * What one source learned that another needs, shared within one collector: the {@code
 * autoMemoryReclaim} mode the inventory read (the reclaim source only infers reclaim under a mode
 * that reclaims). Thread-safe.
 */
final class HostFacts {

  private volatile String autoMemoryReclaim;

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
