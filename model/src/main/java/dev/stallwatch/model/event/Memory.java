package dev.stallwatch.model.event;

import java.util.Map;
import java.util.Objects;

/**
 * A sample of /proc/meminfo and, on cgroup v2, the root cgroup's memory files. Sizes from meminfo
 * are in kB as the kernel prints them; cgroup sizes are in bytes. Null means not present.
 *
 * @param cgroupStat a subset of {@code memory.stat} (anon, file, file_dirty, ...), in bytes
 */
public record Memory(
    Envelope envelope,
    Long memTotalKb,
    Long memFreeKb,
    Long memAvailableKb,
    Long buffersKb,
    Long cachedKb,
    Long dirtyKb,
    Long writebackKb,
    Long swapTotalKb,
    Long swapFreeKb,
    Long shmemKb,
    Long sReclaimableKb,
    Long cgroupCurrentBytes,
    Map<String, Long> cgroupStat)
    implements TelemetryEvent {

  public Memory {
    Objects.requireNonNull(envelope, "envelope");
    cgroupStat = cgroupStat == null ? Map.of() : Map.copyOf(cgroupStat);
  }
}
