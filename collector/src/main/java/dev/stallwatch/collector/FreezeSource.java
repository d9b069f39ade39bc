package dev.stallwatch.collector;

import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Notices that the collector itself was frozen: it ticks every interval and compares the gap since
 * the previous tick on the monotonic clock and on the wall clock with what was due. A gap longer
 * than due plus the threshold on either clock becomes a {@link Freeze} from when the missed tick
 * was due to now, sent as soon as the process runs again, with how far the monotonic clock moved
 * over that span.
 *
 * <p>Why both clocks, and why report the monotonic one: the two causes of a late tick move them
 * differently. A task stopped by the cgroup freezer (Docker Desktop's Resource Saver pausing the
 * engine) is only not scheduled; the kernel keeps running, so CLOCK_MONOTONIC and CLOCK_REALTIME
 * both advance through the freeze and the gaps agree. A guest whose whole VM the host suspended
 * (the PC slept) has no running kernel to advance its clocks: CLOCK_MONOTONIC, which {@link
 * System#nanoTime} reads, does not move for the pause, and the wall clock stands still too until
 * time sync steps it forward after the resume. So the wall clock jumps while the monotonic clock
 * barely moved, and {@code monotonicMillis} well below the wall-clock span tells the rules it was a
 * suspend, not a frozen process.
 */
final class FreezeSource implements Source {

  private final Duration interval;
  private final Duration threshold;
  private final LongSupplier nanoTime;
  private long lastNanos = Long.MIN_VALUE;
  private Instant lastWall;

  FreezeSource(Duration interval, Duration threshold, LongSupplier nanoTime) {
    this.interval = interval;
    this.threshold = threshold;
    this.nanoTime = nanoTime;
  }

  @Override
  public String name() {
    return "freeze";
  }

  @Override
  public String description() {
    return "reads the collector's own clocks; sends freeze with the two times when the "
        + "collector was not scheduled for longer than it should";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) {
    long nanos = nanoTime.getAsLong();
    try {
      if (lastWall == null) {
        return List.of();
      }
      Duration monotonic = Duration.ofNanos(nanos - lastNanos);
      Duration wall = Duration.between(lastWall, now);
      Duration gap = monotonic.compareTo(wall) >= 0 ? monotonic : wall;
      if (gap.compareTo(interval.plus(threshold)) <= 0) {
        return List.of();
      }
      Instant from = lastWall.plus(interval);
      // The monotonic clock's progress over the same span from..to: its gap less the due interval.
      long monotonicMillis = Math.max(0, monotonic.minus(interval).toMillis());
      return List.of(
          new Freeze(envelopes.next(now), from, now.isBefore(from) ? from : now, monotonicMillis));
    } finally {
      lastNanos = nanos;
      lastWall = now;
    }
  }
}
