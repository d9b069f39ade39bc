package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A polled source: the collector calls {@link #sample} every {@link #interval} on a shared
 * scheduler. Each implementation reads one thing under the root directory passed to its constructor
 * and leaves parsing to a pure parser.
 */
public interface Source {

  /** Short, stable, unique within a collector; the key of the source's health in heartbeats. */
  String name();

  /**
   * What the source reads and what of it leaves the machine, in one or two sentences, for {@code
   * collect --manifest}.
   */
  default String description() {
    return "";
  }

  /** Time between the end of one sample and the start of the next. */
  Duration interval();

  /**
   * Reads the source once.
   *
   * @param envelopes stamps each event; take one only for an event that is returned
   * @param now the sampling time, used as the event time of what is read now
   * @throws SourceAbsentException when there is nothing to read on this machine
   * @throws IOException when reading fails or what was read cannot be parsed
   */
  List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException;

  /**
   * Called after the events of a {@link #sample} were handed to the sink. Tailing sources register
   * their checkpoint here with {@link EventSink#afterDelivery}, so it is saved only once the broker
   * has those events.
   */
  default void afterEmit(EventSink sink) {}
}
