package dev.stallwatch.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Docker Desktop entered or left Resource Saver.
 *
 * @param seenVia how the transition was observed
 * @param evidence the log line or probe summary that showed it
 * @param busyReason what Docker Desktop's backend said kept it busy ({@code ["1 container(s)"]}),
 *     when the state was read from its idle API; empty otherwise
 */
public record ResourceSaver(
    Envelope envelope,
    State state,
    SeenVia seenVia,
    String evidence,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> busyReason)
    implements TelemetryEvent {

  public enum State {
    ENTERED,
    EXITED
  }

  public enum SeenVia {
    LOG_PATTERN,
    ENGINE_PROBE,
    STATUS_COMMAND,
    /** Docker Desktop's backend answered {@code GET /idle} with {@code vmPaused} or running. */
    BACKEND_API
  }

  public ResourceSaver {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(seenVia, "seenVia");
    busyReason = busyReason == null ? List.of() : List.copyOf(busyReason);
  }

  /** A transition seen without the backend's busy reason. */
  public ResourceSaver(Envelope envelope, State state, SeenVia seenVia, String evidence) {
    this(envelope, state, seenVia, evidence, List.of());
  }
}
