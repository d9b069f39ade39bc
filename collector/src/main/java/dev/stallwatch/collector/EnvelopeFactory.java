package dev.stallwatch.collector;

import dev.stallwatch.model.event.Envelope;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps every event of one collector with its host, a strictly increasing {@code seq} and a random
 * id. Shared by all sources of a collector, so a gap in {@code seq} downstream means lost events,
 * whichever source they came from.
 */
public final class EnvelopeFactory {

  private final String host;
  private final AtomicLong nextSeq;

  /**
   * @param host the stable host id (see {@link HostIds#stable})
   * @param firstSeq the {@code seq} of the first envelope
   */
  public EnvelopeFactory(String host, long firstSeq) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (firstSeq < 0) {
      throw new IllegalArgumentException("firstSeq must not be negative, was " + firstSeq);
    }
    this.host = host;
    this.nextSeq = new AtomicLong(firstSeq);
  }

  /** The next envelope for an event that happened at {@code ts}. Safe to call from any thread. */
  public Envelope next(Instant ts) {
    Objects.requireNonNull(ts, "ts");
    return Envelope.of(host, ts, nextSeq.getAndIncrement());
  }

  public String host() {
    return host;
  }
}
