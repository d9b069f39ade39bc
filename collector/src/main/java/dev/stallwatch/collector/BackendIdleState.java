package dev.stallwatch.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Docker Desktop's answer to {@code GET /idle} on its backend API: whether the VM (on WSL 2, the
 * engine) is paused, running or stopped, and what keeps it busy. Undocumented: only {@code
 * vmPaused} and {@code vmRunning} are required, the other fields are kept when present.
 *
 * @param busyReason what keeps Docker Desktop busy ({@code ["1 container(s)"]}); empty when idle
 * @param containers the {@code containers} count; null when absent or not a number
 */
record BackendIdleState(
    boolean vmPaused,
    boolean vmRunning,
    Boolean vmStopped,
    Boolean reduced,
    Boolean idle,
    List<String> busyReason,
    Integer containers) {

  BackendIdleState {
    busyReason = List.copyOf(busyReason);
  }

  /** Paused: Resource Saver (or a manual Pause) holds the engine. */
  boolean paused() {
    return vmPaused;
  }

  /** Running and not paused: Docker Desktop is awake. */
  boolean awake() {
    return vmRunning && !vmPaused;
  }

  /**
   * The answer in a few words, as evidence: {@code GET /idle: vmPaused=true vmRunning=true ...}.
   */
  String summary() {
    StringJoiner text = new StringJoiner(" ", "GET /idle: ", "");
    text.add("vmPaused=" + vmPaused).add("vmRunning=" + vmRunning);
    if (vmStopped != null) {
      text.add("vmStopped=" + vmStopped);
    }
    if (idle != null) {
      text.add("idle=" + idle);
    }
    if (reduced != null) {
      text.add("reduced=" + reduced);
    }
    if (containers != null) {
      text.add("containers=" + containers);
    }
    if (!busyReason.isEmpty()) {
      text.add("busyReason=" + busyReason);
    }
    return text.toString();
  }

  /**
   * @throws FormatException when the text is not a JSON object with boolean {@code vmPaused} and
   *     {@code vmRunning}
   */
  static BackendIdleState parse(String json) throws FormatException {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new FormatException(
          "GET /idle answered something that is not JSON: " + SourceFiles.excerpt(json.strip()));
    }
    if (tree == null || !tree.isObject()) {
      throw new FormatException("GET /idle answered JSON that is not an object");
    }
    JsonNode paused = tree.get("vmPaused");
    JsonNode running = tree.get("vmRunning");
    if (paused == null || !paused.isBoolean() || running == null || !running.isBoolean()) {
      throw new FormatException("GET /idle answered without boolean vmPaused and vmRunning");
    }
    JsonNode containers = tree.get("containers");
    return new BackendIdleState(
        paused.booleanValue(),
        running.booleanValue(),
        bool(tree.get("vmStopped")),
        bool(tree.get("reduced")),
        bool(tree.get("idle")),
        reasons(tree.get("busyReason")),
        containers != null && containers.isIntegralNumber() && containers.canConvertToInt()
            ? containers.intValue()
            : null);
  }

  private static Boolean bool(JsonNode node) {
    return node != null && node.isBoolean() ? node.booleanValue() : null;
  }

  private static List<String> reasons(JsonNode node) {
    List<String> reasons = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(
          reason ->
              reasons.add(
                  SourceFiles.excerpt(reason.isTextual() ? reason.asText() : reason.toString())));
    }
    return reasons;
  }
}
