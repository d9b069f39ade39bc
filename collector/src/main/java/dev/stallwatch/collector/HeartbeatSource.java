package dev.stallwatch.collector;

import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Says the collector is alive, with the health of every source as of the last time it ran. There is
 * no disk spool yet: spool depth is 0 and dropped counts the sink's failed sends.
 */
final class HeartbeatSource implements Source {

  private final SourceHealthBoard health;
  private final LongSupplier dropped;
  private final Duration interval;

  HeartbeatSource(SourceHealthBoard health, LongSupplier dropped, Duration interval) {
    this.health = Objects.requireNonNull(health, "health");
    this.dropped = Objects.requireNonNull(dropped, "dropped");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public String name() {
    return "heartbeat";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) {
    return List.of(new Heartbeat(envelopes.next(now), health.snapshot(), 0, dropped.getAsLong()));
  }
}
