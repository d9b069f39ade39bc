package dev.stallwatch.model.kafka;

import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Telemetry events in the wire format of {@link TelemetryCodec}. */
public final class TelemetrySerde implements Serde<TelemetryEvent> {

  @Override
  public Serializer<TelemetryEvent> serializer() {
    return (topic, event) -> event == null ? null : TelemetryCodec.toBytes(event);
  }

  @Override
  public Deserializer<TelemetryEvent> deserializer() {
    return (topic, bytes) -> TelemetryCodec.fromBytes(bytes);
  }
}
