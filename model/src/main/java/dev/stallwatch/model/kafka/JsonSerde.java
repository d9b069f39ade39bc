package dev.stallwatch.model.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.MalformedRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A serde for one record type through the shared mapper; null stays null (a tombstone). */
public final class JsonSerde<T> implements Serde<T> {

  private static final ObjectMapper MAPPER = Json.mapper();
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return MAPPER.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (JsonProcessingException e) {
        throw new MalformedRecordException(
            "malformed " + type.getSimpleName() + " on " + topic + ": " + e.getOriginalMessage(),
            e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
