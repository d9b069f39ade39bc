package dev.stallwatch.streams;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.Correlator;
import dev.stallwatch.streams.correlation.HostTimeline;
import dev.stallwatch.streams.correlation.Step;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Feeds each host's events through the {@link Correlator}, keeping its timeline in a store. */
final class CorrelationProcessor implements Processor<String, TelemetryEvent, String, Incident> {

  private final Correlator correlator;
  private ProcessorContext<String, Incident> context;
  private KeyValueStore<String, HostTimeline> timelines;

  CorrelationProcessor(Correlator correlator) {
    this.correlator = correlator;
  }

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    this.context = context;
    this.timelines = context.getStateStore(CorrelationTopology.TIMELINE_STORE);
  }

  @Override
  public void process(Record<String, TelemetryEvent> record) {
    TelemetryEvent event = record.value();
    if (event == null) {
      return;
    }
    String host = event.host();
    HostTimeline before = timelines.get(host);
    Step step = correlator.apply(before == null ? Correlator.emptyTimeline(host) : before, event);
    timelines.put(host, step.timeline());
    for (Incident incident : step.incidents()) {
      context.forward(new Record<>(incident.id(), incident, incident.updatedAt().toEpochMilli()));
    }
  }
}
