package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * WSL reclaimed memory from the VM (a gradual step or a drop of the page cache).
 *
 * @param bytes how much was reclaimed, when known
 * @param inferredFrom how the collector knows: a page-cache drop while idle, or a kernel log line
 * @param line the kernel log line, when that is the evidence
 */
public record Reclaim(Envelope envelope, Long bytes, InferredFrom inferredFrom, String line)
    implements TelemetryEvent {

  public enum InferredFrom {
    MEMINFO_DELTA,
    CGROUP_DELTA,
    KERNEL_LOG
  }

  public Reclaim {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(inferredFrom, "inferredFrom");
  }
}
