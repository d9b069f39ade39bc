package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Instant;

/** Docker Desktop entering or leaving Resource Saver on one host, at event time. */
public record Transition(Instant at, ResourceSaver.State state, Evidence evidence) {

  static Transition of(ResourceSaver event) {
    String summary =
        event.state() == ResourceSaver.State.ENTERED
            ? "Docker Desktop entered Resource Saver (seen via " + event.seenVia() + ")"
            : "Docker Desktop left Resource Saver (seen via " + event.seenVia() + ")";
    return new Transition(
        event.ts(),
        event.state(),
        new Evidence(event.id(), event.type(), event.ts(), summary, event.evidence()));
  }

  boolean entered() {
    return state == ResourceSaver.State.ENTERED;
  }
}
