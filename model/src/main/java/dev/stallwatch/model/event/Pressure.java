package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * One PSI file ({@code /proc/pressure/cpu|memory|io}). {@code full} is null where the kernel does
 * not print it (cpu on older kernels).
 */
public record Pressure(Envelope envelope, Resource resource, Stall some, Stall full)
    implements TelemetryEvent {

  public enum Resource {
    CPU,
    MEMORY,
    IO
  }

  /**
   * One PSI line.
   *
   * @param avg10 percent of wall time stalled over the last 10 s
   * @param total cumulative stall time in microseconds
   * @param totalDelta growth of {@code total} since the previous sample; null on the first
   */
  public record Stall(double avg10, double avg60, double avg300, long total, Long totalDelta) {}

  public Pressure {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(some, "some");
  }
}
