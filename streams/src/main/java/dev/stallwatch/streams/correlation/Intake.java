package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.HostState;
import java.time.Instant;
import java.util.List;

/**
 * How a host's events come in before the correlator sees them: ids recently seen (to drop a second
 * delivery), events held back until they are older than the grace (so that events arriving out of
 * order are applied in event-time order), and what was last published about the host.
 *
 * @param buffered events waiting, sorted by time, sequence number and id
 * @param watermark newest event time seen from the host
 * @param lastArrival wall-clock time the newest event arrived; drives silence and flushing
 * @param published the host state last published, to publish only changes
 */
public record Intake(
    List<String> recentIds,
    List<Buffered> buffered,
    Instant watermark,
    Instant lastArrival,
    HostState published) {

  /** An event held back, in the wire format. */
  public record Buffered(Instant ts, long seq, String id, String json) {}

  public Intake {
    recentIds = List.copyOf(recentIds);
    buffered = List.copyOf(buffered);
  }

  static Intake empty() {
    return new Intake(List.of(), List.of(), null, null, null);
  }

  Intake withBuffered(List<Buffered> newBuffered) {
    return new Intake(recentIds, newBuffered, watermark, lastArrival, published);
  }

  Intake withPublished(HostState state) {
    return new Intake(recentIds, buffered, watermark, lastArrival, state);
  }
}
