package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * Docker Desktop entered or left Resource Saver.
 *
 * @param seenVia how the transition was observed
 * @param evidence the log line or probe summary that showed it
 */
public record ResourceSaver(Envelope envelope, State state, SeenVia seenVia, String evidence)
    implements TelemetryEvent {

  public enum State {
    ENTERED,
    EXITED
  }

  public enum SeenVia {
    LOG_PATTERN,
    ENGINE_PROBE,
    STATUS_COMMAND
  }

  public ResourceSaver {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(seenVia, "seenVia");
  }
}
