package dev.stallwatch.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Events that a person or another tool wrote, read as far as they say something: offline input
 * ({@code events.jsonl} of a capture, {@code stallwatch replay}) is not the wire. What a collector
 * always stamps ({@code v}, {@code id}, {@code seq}) is filled in, enum values are read in any
 * case, and descriptive fields with an obvious value get it. What the event says ({@code type},
 * {@code host}, {@code ts} and its payload) is still required.
 */
public final class LenientEvents {

  /** The {@code seenVia} of a {@code resource_saver} that does not say how it was seen. */
  public static final ResourceSaver.SeenVia REPORTED_SEEN_VIA =
      ResourceSaver.SeenVia.STATUS_COMMAND;

  /** Where Docker Desktop links the {@code docker} command into a distro. */
  public static final String DOCKER_CLI_PATH = "/usr/bin/docker";

  /**
   * The {@code seq} of an event that had none. The correlator counts gaps only between positive
   * counters, so zero counts none; the envelope's {@code seq} is a primitive and cannot be absent.
   */
  public static final long NO_SEQ = 0;

  private static final ObjectMapper CASE_BLIND =
      ((JsonMapper) Json.mapper())
          .rebuild()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  /** What was filled in or read leniently, each said once per file in the notice. */
  public enum Filled {
    VERSION("had no v (set to 1)"),
    ID("had no id (one derived from their content)"),
    SEQ("had no seq (set to 0, which the gap check ignores)"),
    ENUM_CASE("had enum values in another case (read in any case)"),
    SEEN_VIA("had type resource_saver and no seenVia (taken as " + REPORTED_SEEN_VIA + ")"),
    DOCKER_CLI_PATH(
        "were docker_cli without path (taken as " + LenientEvents.DOCKER_CLI_PATH + ")");

    private final String said;

    Filled(String said) {
      this.said = said;
    }
  }

  /**
   * One event read leniently.
   *
   * @param filled what it lacked or said differently from the wire format; empty for a wire event
   */
  public record Read(TelemetryEvent event, Set<Filled> filled) {
    public Read {
      filled = filled.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(filled));
    }
  }

  private LenientEvents() {}

  /**
   * @throws MalformedRecordException naming what is wrong with the input
   */
  static Read read(String json) {
    JsonNode tree = TelemetryCodec.readTree(json.getBytes(StandardCharsets.UTF_8));
    TelemetryCodec.typeOf(tree);
    ObjectNode filledIn = ((ObjectNode) tree).deepCopy();
    Set<Filled> filled = EnumSet.noneOf(Filled.class);
    if (absent(filledIn, "v")) {
      filledIn.put("v", Envelope.CURRENT_VERSION);
      filled.add(Filled.VERSION);
    }
    if (absent(filledIn, "id")) {
      // Named after what the event says, so the same line gives the same id on every read.
      filledIn.put("id", UUID.nameUUIDFromBytes(canonicalBytes(tree)).toString());
      filled.add(Filled.ID);
    }
    if (absent(filledIn, "seq")) {
      filledIn.put("seq", NO_SEQ);
      filled.add(Filled.SEQ);
    }
    String type = filledIn.get("type").asText();
    if (type.equals("resource_saver") && absent(filledIn, "seenVia")) {
      filledIn.put("seenVia", REPORTED_SEEN_VIA.name());
      filled.add(Filled.SEEN_VIA);
    }
    if (type.equals("docker_cli") && absent(filledIn, "path")) {
      filledIn.put("path", DOCKER_CLI_PATH);
      filled.add(Filled.DOCKER_CLI_PATH);
    }
    try {
      return new Read(TelemetryCodec.fromTree(filledIn, Json.mapper()), filled);
    } catch (MalformedRecordException strict) {
      // Only the case of enum values differs between the two readers.
      TelemetryEvent event = TelemetryCodec.fromTree(filledIn, CASE_BLIND);
      filled.add(Filled.ENUM_CASE);
      return new Read(event, filled);
    }
  }

  private static boolean absent(ObjectNode tree, String field) {
    JsonNode value = tree.get(field);
    return value == null || value.isNull();
  }

  /** The record with object keys sorted at every level, as bytes: its content, not its layout. */
  private static byte[] canonicalBytes(JsonNode tree) {
    try {
      return Json.mapper().writeValueAsBytes(canonical(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree can be written back", e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode sorted = Json.mapper().createObjectNode();
      names.forEach(name -> sorted.set(name, canonical(node.get(name))));
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode items = Json.mapper().createArrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        items.add(canonical(it.next()));
      }
      return items;
    }
    return node;
  }

  /** Counts what was filled in over the events of one file, to say it once for the file. */
  public static final class Tally {

    private final Map<Filled, Integer> counts = new EnumMap<>(Filled.class);
    private int events;
    private int lenient;

    public void add(Read read) {
      events++;
      if (!read.filled().isEmpty()) {
        lenient++;
      }
      read.filled().forEach(filled -> counts.merge(filled, 1, Integer::sum));
    }

    /**
     * One line for the file, e.g. {@code events.jsonl: 12 of 12 event(s) were not in the wire
     * format ...: 12 had no v (set to 1), ...}; empty when every event was.
     */
    public Optional<String> notice(String file) {
      return notice().map(text -> file + ": " + text);
    }

    /** What {@link #notice(String)} says after the file's name. */
    public Optional<String> notice() {
      if (lenient == 0) {
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      counts.forEach((filled, count) -> parts.add(count + " " + filled.said));
      return Optional.of(
          "%d of %d event(s) were not in the wire format and were read leniently: %s"
              .formatted(lenient, events, String.join(", ", parts)));
    }
  }
}
