package dev.stallwatch.app.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.app.diagnose.CaptureEvents.Sourced;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A capture's events as the correlator needs them: one host, in event-time order, the merged
 * inventory first. Events read from files get ids derived from where they were read, so the same
 * capture gives the same incident ids every time; recorded events keep theirs.
 */
final class Timeline {

  /** How much earlier than everything else the inventory is dated, so it is applied first. */
  static final Duration INVENTORY_LEAD = Duration.ofSeconds(1);

  private Timeline() {}

  /**
   * @param inventory the merged inventory of the capture's files, dated here
   * @param fromFiles events parsed from the capture's files
   * @param recorded events from {@code events.jsonl}; a file event that says the same as one of
   *     these (a capture holds both the collector's spool and the logs it read) is dropped
   * @param fallback the inventory's time when there is no other event
   */
  static List<TelemetryEvent> of(
      String host,
      Optional<Inventory> inventory,
      List<Sourced> fromFiles,
      List<Sourced> recorded,
      Instant fallback) {
    Set<String> seen =
        recorded.stream()
            .map(s -> fingerprint(s.event()))
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    List<Sourced> all = new ArrayList<>();
    fromFiles.stream()
        .filter(s -> fingerprint(s.event()).map(f -> !seen.contains(f)).orElse(true))
        .forEach(all::add);
    all.addAll(recorded);
    // A stable sort: events of the same instant stay in the order their files were read.
    all.sort(Comparator.comparing(s -> s.event().ts()));
    List<TelemetryEvent> ordered = new ArrayList<>(all.size() + 1);
    inventory.ifPresent(
        inv -> {
          Instant first = all.isEmpty() ? fallback : all.getFirst().event().ts();
          String id = stableId(host, "inventory", 0);
          ordered.add(stamped(inv, host, first.minus(INVENTORY_LEAD), 0, id));
        });
    for (Sourced s : all) {
      String id =
          s.file().equals(CaptureLayout.EVENTS)
              ? s.event().id()
              : stableId(host, s.file(), s.index());
      ordered.add(stamped(s.event(), host, s.event().ts(), ordered.size(), id));
    }
    return ordered;
  }

  /** What makes two events say the same, for the kinds a capture may hold twice. */
  static Optional<String> fingerprint(TelemetryEvent event) {
    return switch (event) {
      case HungTask hung -> Optional.of("hung_task " + hung.ts() + " " + hung.line());
      case KernelLog kernel ->
          Optional.of("kernel_log " + kernel.rule() + " " + kernel.ts() + " " + kernel.line());
      case Reclaim reclaim when reclaim.line() != null ->
          Optional.of("reclaim " + reclaim.ts() + " " + reclaim.line());
      case ResourceSaver saver ->
          Optional.of(
              "resource_saver " + saver.state() + " " + saver.ts() + " " + saver.evidence());
      default -> Optional.empty();
    };
  }

  private static String stableId(String host, String file, int index) {
    return UUID.nameUUIDFromBytes(
            (host + "\n" + file + "\n" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The same event with another envelope, through the wire format every event type has. */
  private static TelemetryEvent stamped(
      TelemetryEvent event, String host, Instant ts, long seq, String id) {
    ObjectNode tree;
    try {
      tree = (ObjectNode) Json.mapper().readTree(TelemetryCodec.toJson(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the codec's own output is JSON", e);
    }
    tree.put("host", host);
    tree.put("ts", ts.toString());
    tree.put("seq", seq);
    tree.put("id", id);
    return TelemetryCodec.fromJson(tree.toString());
  }
}
