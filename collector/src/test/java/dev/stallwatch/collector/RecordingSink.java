package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory sink that keeps every event in the order it was emitted. */
final class RecordingSink implements EventSink {

  private final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void emit(TelemetryEvent event) {
    if (closed) {
      throw new IllegalStateException("emit after close");
    }
    events.add(event);
  }

  List<TelemetryEvent> events() {
    return List.copyOf(events);
  }

  <T extends TelemetryEvent> List<T> ofType(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
