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

/**
 * Feeds each host's events through the {@link Analysis}, keeping its timeline in a store, and on a
 * wall-clock schedule lets time pass for every host (held events, silent hosts, quiet incidents).
 */
final class CorrelationProcessor implements Processor<String, TelemetryEvent, String, Output> {

  private final Analysis analysis;
  private final Duration punctuateEvery;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, HostTimeline> timelines;
  private Instant watchingSince;

  CorrelationProcessor(Analysis analysis, Duration punctuateEvery) {
    this.analysis = analysis;
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
    HostTimeline before = timelines.get(event.host());
    Analysis.Result result =
        analysis.accept(
            before == null ? HostTimeline.empty(event.host()) : before,
            event,
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    if (!result.duplicate()) {
      timelines.put(event.host(), result.timeline());
      forward(result);
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
      forward(result);
    }
  }

  private void forward(Analysis.Result result) {
    for (Incident incident : result.incidents()) {
      context.forward(
          new Record<>(
              incident.id(),
              new Output.IncidentVersion(incident),
              incident.updatedAt().toEpochMilli()));
    }
    for (Alert alert : result.alerts()) {
      Instant at = alert.endsAt() != null ? alert.endsAt() : alert.startsAt();
      context.forward(
          new Record<>(alert.fingerprint(), new Output.AlertChange(alert), at.toEpochMilli()));
    }
    result
        .hostState()
        .ifPresent(
            state ->
                context.forward(
                    new Record<>(
                        state.host(),
                        new Output.HostUpdate(state),
                        state.lastSeen().toEpochMilli())));
  }
}
