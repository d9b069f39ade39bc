package dev.stallwatch.app.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * What {@code capture.json} says about the machine, which its files alone cannot tell. Every field
 * may be null when the capture does not say.
 *
 * @param host the host id the machine's events carry
 * @param bootTime when the kernel booted: kernel timestamps count from it
 * @param timezone the machine's zone: apt logs and {@code dmesg -T} are in local time
 * @param distro the WSL distro's name
 * @param capturedAt when the capture was taken: the time of its /proc snapshots
 */
record CaptureInfo(
    String host, Instant bootTime, ZoneId timezone, String distro, Instant capturedAt) {

  static final CaptureInfo UNKNOWN = new CaptureInfo(null, null, null, null, null);

  /**
   * Reads {@code capture.json}; a field that cannot be read is reported and left unknown, the
   * others still count.
   */
  static CaptureInfo parse(byte[] json, Findings findings) {
    String file = CaptureLayout.CAPTURE_JSON;
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      findings.problem(file, line, "not JSON: " + e.getOriginalMessage());
      return UNKNOWN;
    }
    if (tree == null || !tree.isObject()) {
      findings.problem(file, 0, "not a JSON object like {\"host\": \"...\", \"bootTime\": ...}");
      return UNKNOWN;
    }
    return new CaptureInfo(
        field(tree, "host", text -> text, "a host id", findings),
        field(tree, "bootTime", CaptureInfo::instant, "an ISO-8601 time", findings),
        field(tree, "timezone", ZoneId::of, "a zone like Europe/Berlin or UTC", findings),
        field(tree, "distro", text -> text, "a distro name", findings),
        field(tree, "capturedAt", CaptureInfo::instant, "an ISO-8601 time", findings));
  }

  private static <T> T field(
      JsonNode tree, String name, Function<String, T> reader, String expected, Findings findings) {
    JsonNode node = tree.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isTextual() || node.isNumber() ? node.asText().strip() : "";
    try {
      if (text.isEmpty()) {
        throw new DateTimeException("empty");
      }
      return reader.apply(text);
    } catch (DateTimeException e) {
      findings.problem(
          CaptureLayout.CAPTURE_JSON,
          0,
          "%s: expected %s, got %s; left unknown".formatted(name, expected, node));
      return null;
    }
  }

  /** ISO-8601 ({@code 2026-11-20T07:40:00Z}) or epoch seconds, as /proc/stat's btime is. */
  private static Instant instant(String text) {
    return text.matches("\\d{1,12}")
        ? Instant.ofEpochSecond(Long.parseLong(text))
        : Instant.parse(text);
  }

  /** The {@code capture.json} of these facts, fields left out when unknown. */
  String toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    putIfKnown(out, "host", host);
    putIfKnown(out, "bootTime", bootTime);
    putIfKnown(out, "timezone", timezone);
    putIfKnown(out, "distro", distro);
    putIfKnown(out, "capturedAt", capturedAt);
    try {
      return Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and times are always JSON", e);
    }
  }

  private static void putIfKnown(ObjectNode out, String name, Object value) {
    if (value != null) {
      out.put(name, value.toString());
    }
  }
}
