package dev.stallwatch.collector;

import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Notices that the collector itself was frozen: it ticks every interval and compares the gap since
 * the previous tick on the monotonic clock (and on the wall clock, which jumps when a paused VM is
 * resynchronised) with what was due. A gap longer than due plus the threshold becomes a {@link
 * Freeze} from when the missed tick was due to now, sent as soon as the process runs again.
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
      return List.of(new Freeze(envelopes.next(now), from, now.isBefore(from) ? from : now));
    } finally {
      lastNanos = nanos;
      lastWall = now;
    }
  }
}
