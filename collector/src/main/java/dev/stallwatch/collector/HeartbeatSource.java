package dev.stallwatch.collector;

import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Says the collector is alive, with the health of every source as of the last time it ran, the
 * events waiting in the spool, and the events dropped so far (spool full, unwritable, too large).
 */
final class HeartbeatSource implements Source {

  private final SourceHealthBoard health;
  private final LongSupplier dropped;
  private final LongSupplier spoolDepth;
  private final Duration interval;

  HeartbeatSource(SourceHealthBoard health, LongSupplier dropped, Duration interval) {
    this(health, dropped, () -> 0, interval);
  }

  HeartbeatSource(
      SourceHealthBoard health, LongSupplier dropped, LongSupplier spoolDepth, Duration interval) {
    this.health = Objects.requireNonNull(health, "health");
    this.dropped = Objects.requireNonNull(dropped, "dropped");
    this.spoolDepth = Objects.requireNonNull(spoolDepth, "spoolDepth");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public String name() {
    return "heartbeat";
  }

  @Override
  public String description() {
    return "sends heartbeat with each source's status and last error, spool depth and drop "
        + "count";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) {
    return List.of(
        new Heartbeat(
            envelopes.next(now), health.snapshot(), spoolDepth.getAsLong(), dropped.getAsLong()));
  }
}
