package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * WSL reclaimed memory from the VM (a gradual step or a drop of the page cache), or tried to and
 * the kernel refused.
 *
 * @param bytes how much was reclaimed (or asked for, when the write failed), when known
 * @param inferredFrom how the collector knows: a page-cache drop while idle, or a kernel log line
 * @param line the kernel log line, when that is the evidence
 * @param errno when WSL's write of {@code memory.reclaim} failed, the error number it logged (11 is
 *     EAGAIN: the kernel could not reclaim that much); null when nothing failed
 */
public record Reclaim(
    Envelope envelope, Long bytes, InferredFrom inferredFrom, String line, Integer errno)
    implements TelemetryEvent {

  /** EAGAIN, what WSL logs when the kernel cannot reclaim the memory asked for. */
  public static final int EAGAIN = 11;

  public enum InferredFrom {
    MEMINFO_DELTA,
    CGROUP_DELTA,
    KERNEL_LOG
  }

  public Reclaim {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(inferredFrom, "inferredFrom");
  }

  /** A reclaim that did not fail. */
  public Reclaim(Envelope envelope, Long bytes, InferredFrom inferredFrom, String line) {
    this(envelope, bytes, inferredFrom, line, null);
  }

  public boolean failed() {
    return errno != null;
  }
}
