package dev.stallwatch.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.MalformedRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes telemetry events in the wire format: one flat JSON object whose {@code type},
 * {@code v}, {@code host}, {@code ts}, {@code seq} and {@code id} come first, followed by the
 * payload fields of that type.
 */
public final class TelemetryCodec {

  /** Largest event accepted on the wire; a collector line that would exceed it is cut. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private static final List<String> ENVELOPE_FIELDS = List.of("v", "host", "ts", "seq", "id");
  private static final String ENVELOPE = "envelope";
  private static final ObjectMapper MAPPER = Json.mapper();

  private TelemetryCodec() {}

  public static String toJson(TelemetryEvent event) {
    try {
      return MAPPER.writeValueAsString(toTree(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + event.type() + " event", e);
    }
  }

  public static byte[] toBytes(TelemetryEvent event) {
    return toJson(event).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads one event.
   *
   * @throws MalformedRecordException naming what is wrong with the input
   */
  public static TelemetryEvent fromBytes(byte[] bytes) {
    return fromTree(readTree(bytes), MAPPER);
  }

  public static TelemetryEvent fromJson(String json) {
    return fromBytes(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one event that a person or another tool wrote rather than a collector: missing {@code v},
   * {@code id} and {@code seq} are filled in, enum values are read in any case. Never use it for
   * the wire, which stays strict ({@link #fromJson}).
   *
   * @throws MalformedRecordException naming what is wrong with the input
   */
  public static LenientEvents.Read fromJsonLenient(String json) {
    return LenientEvents.read(json);
  }

  /** The JSON tree of one record, within the size limit. */
  static JsonNode readTree(byte[] bytes) {
    if (bytes == null) {
      throw new MalformedRecordException("empty record (null value)");
    }
    if (bytes.length > MAX_EVENT_BYTES) {
      throw new MalformedRecordException(
          "event of %d bytes exceeds the limit of %d bytes"
              .formatted(bytes.length, MAX_EVENT_BYTES));
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tree;
  }

  private static ObjectNode toTree(TelemetryEvent event) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("type", event.type());
    ObjectNode payload = MAPPER.valueToTree(event);
    JsonNode envelope = payload.remove(ENVELOPE);
    out.setAll((ObjectNode) envelope);
    out.setAll(payload);
    return out;
  }

  /**
   * The event class a record names in its {@code type}.
   *
   * @throws MalformedRecordException when it is not an object or names no known type
   */
  static Class<? extends TelemetryEvent> typeOf(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new MalformedRecordException(
          "expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
    }
    JsonNode typeNode = tree.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new MalformedRecordException("missing field 'type'");
    }
    String type = typeNode.asText();
    return EventTypes.classOf(type)
        .orElseThrow(() -> new MalformedRecordException("unknown event type '" + type + "'"));
  }

  /** Binds a record with every envelope field present, with {@code mapper}'s leniency. */
  static TelemetryEvent fromTree(JsonNode tree, ObjectMapper mapper) {
    Class<? extends TelemetryEvent> cls = typeOf(tree);
    String type = tree.get("type").asText();
    ObjectNode payload = ((ObjectNode) tree).deepCopy();
    ObjectNode envelope = payload.putObject(ENVELOPE);
    for (String field : ENVELOPE_FIELDS) {
      JsonNode value = payload.remove(field);
      if (value == null || value.isNull()) {
        throw new MalformedRecordException(type + " event: missing field '" + field + "'");
      }
      envelope.set(field, value);
    }
    try {
      return mapper.treeToValue(payload, cls);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException(type + " event: " + describe(e), e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String reason =
        e instanceof ValueInstantiationException && e.getCause() != null
            ? e.getCause().getMessage()
            : e.getOriginalMessage();
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .filter(name -> !name.equals(ENVELOPE))
              .collect(Collectors.joining("."));
      if (!path.isEmpty()) {
        return "field '" + path + "': " + reason;
      }
    }
    return reason;
  }
}
