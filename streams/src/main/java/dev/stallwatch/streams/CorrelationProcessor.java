package dev.stallwatch.streams;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.HostTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each host's events through the {@link Analysis}, keeping its timeline in a store, and on a
 * wall-clock schedule lets time pass for every host (held events, silent hosts, quiet incidents).
 * An event whose time is outside the {@link EventTimeBounds} is refused before it reaches the
 * timeline, and every record forwarded is stamped with a time a broker accepts.
 */
final class CorrelationProcessor implements Processor<String, TelemetryEvent, String, Output> {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationProcessor.class);

  private final Analysis analysis;
  private final EventTimeBounds bounds;
  private final Duration punctuateEvery;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, HostTimeline> timelines;
  private Instant watchingSince;

  CorrelationProcessor(Analysis analysis, EventTimeBounds bounds, Duration punctuateEvery) {
    this.analysis = analysis;
    this.bounds = bounds;
    this.punctuateEvery = punctuateEvery;
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    this.timelines = context.getStateStore(CorrelationTopology.TIMELINE_STORE);
    this.watchingSince = Instant.ofEpochMilli(context.currentSystemTimeMs());
    context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, TelemetryEvent> record) {
    TelemetryEvent event = record.value();
    if (event == null) {
      throw new InvalidEventException("empty record (null value)");
    }
    if (record.key() == null || !record.key().equals(event.host())) {
      throw new InvalidEventException(
          "record key '%s' is not the event's host '%s'".formatted(record.key(), event.host()));
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    bounds
        .violation(event.ts(), now)
        .ifPresent(
            reason -> {
              throw new InvalidEventException(reason);
            });
    HostTimeline before = timelines.get(event.host());
    Analysis.Result result =
        analysis.accept(before == null ? HostTimeline.empty(event.host()) : before, event, now);
    if (!result.duplicate()) {
      timelines.put(event.host(), result.timeline());
      forward(result, now);
    }
  }

  private void tick(long wallMillis) {
    Instant now = Instant.ofEpochMilli(wallMillis);
    List<KeyValue<String, HostTimeline>> all = new ArrayList<>();
    try (KeyValueIterator<String, HostTimeline> it = timelines.all()) {
      it.forEachRemaining(all::add);
    }
    for (KeyValue<String, HostTimeline> entry : all) {
      Analysis.Result result = analysis.tick(entry.value, now, watchingSince);
      if (!result.timeline().equals(entry.value)) {
        timelines.put(entry.key, result.timeline());
      }
      forward(result, now);
    }
  }

  private void forward(Analysis.Result result, Instant now) {
    for (Incident incident : result.incidents()) {
      forward(incident.id(), new Output.IncidentVersion(incident), incident.updatedAt(), now);
    }
    for (Alert alert : result.alerts()) {
      Instant at = alert.endsAt() != null ? alert.endsAt() : alert.startsAt();
      forward(alert.fingerprint(), new Output.AlertChange(alert), at, now);
    }
    result
        .hostState()
        .ifPresent(
            state -> forward(state.host(), new Output.HostUpdate(state), state.lastSeen(), now));
  }

  /** Forwards a record stamped with {@code at}, or the nearest time a broker accepts. */
  private void forward(String key, Output output, Instant at, Instant now) {
    long timestamp = bounds.outputTimestamp(at, now);
    if (timestamp != at.toEpochMilli()) {
      LOG.warn(
          "{} {} is dated {}, which Kafka refuses; writing it stamped {}",
          output.getClass().getSimpleName(),
          key,
          at,
          Instant.ofEpochMilli(timestamp));
    }
    context.forward(new Record<>(key, output, timestamp));
  }
}
