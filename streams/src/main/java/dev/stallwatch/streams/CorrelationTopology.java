package dev.stallwatch.streams;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.JsonSerde;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.correlation.Correlator;
import dev.stallwatch.streams.correlation.HostTimeline;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The one correlation topology, built the same way by the analyzer and by the tests.
 *
 * <ul>
 *   <li>in: {@code stallwatch.telemetry}, key = host id (string), value = telemetry event JSON;
 *       records that cannot be read go to {@code stallwatch.deadletters} (see {@link
 *       DeadLetterHandler})
 *   <li>state: {@value #TIMELINE_STORE}, host id -> {@link HostTimeline} JSON
 *   <li>out: {@code stallwatch.incidents}, key = incident id, value = incident JSON, one record per
 *       new version of an incident, timestamped with its latest evidence
 * </ul>
 */
public final class CorrelationTopology {

  public static final String TIMELINE_STORE = "host-timelines";

  private CorrelationTopology() {}

  public static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, new Correlator());
    return builder.build();
  }

  static void addTo(StreamsBuilder builder, Correlator correlator) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMELINE_STORE),
            Serdes.String(),
            new JsonSerde<>(HostTimeline.class)));
    KStream<String, TelemetryEvent> telemetry =
        builder.stream(
            Topics.TELEMETRY.name(),
            Consumed.with(Topics.TELEMETRY.keySerde(), Topics.TELEMETRY.valueSerde())
                .withName("telemetry-source"));
    KStream<String, Incident> incidents =
        telemetry.process(
            () -> new CorrelationProcessor(correlator), Named.as("correlate"), TIMELINE_STORE);
    incidents.to(
        Topics.INCIDENTS.name(),
        Produced.with(Topics.INCIDENTS.keySerde(), Topics.INCIDENTS.valueSerde())
            .withName("incidents-sink"));
  }
}
