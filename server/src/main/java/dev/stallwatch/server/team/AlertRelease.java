package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds a new alert until its incident is known, at most {@link #HOLD}, so the sinks can label it
 * with the incident's context. Alerts leave in arrival order: a later alert of the same host must
 * not overtake an earlier one. At most {@link #MAX_WAITING} wait; past that the oldest leaves at
 * once.
 */
final class AlertRelease {

  static final Duration HOLD = Duration.ofSeconds(5);
  static final int MAX_WAITING = 10_000;

  private final Deque<Map.Entry<Alert, Instant>> waiting = new ArrayDeque<>();
  private final Predicate<String> incidentKnown;
  private final Consumer<Alert> out;

  AlertRelease(Predicate<String> incidentKnown, Consumer<Alert> out) {
    this.incidentKnown = incidentKnown;
    this.out = out;
  }

  void arrived(List<Alert> alerts, Instant now) {
    alerts.forEach(a -> waiting.addLast(Map.entry(a, now.plus(HOLD))));
    while (waiting.size() > MAX_WAITING) {
      out.accept(waiting.removeFirst().getKey());
    }
  }

  void release(Instant now) {
    while (!waiting.isEmpty()) {
      Map.Entry<Alert, Instant> head = waiting.peekFirst();
      Alert alert = head.getKey();
      boolean known = alert.incidentId() == null || incidentKnown.test(alert.incidentId());
      if (!known && now.isBefore(head.getValue())) {
        return;
      }
      waiting.removeFirst();
      out.accept(alert);
    }
  }
}
