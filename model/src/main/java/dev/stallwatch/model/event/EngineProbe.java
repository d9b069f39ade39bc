package dev.stallwatch.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@code /_ping} of the Docker engine socket, reported when its state changes, and again while it
 * does not answer when docker commands started since then are still waiting for it.
 *
 * @param latencyMillis round trip of the probe; null when it timed out or failed
 * @param waitingClients docker commands (the CLI, compose) that started after the engine stopped
 *     answering and have not finished; empty when none or when the engine answers
 */
public record EngineProbe(
    Envelope envelope,
    ProbeStatus status,
    Long latencyMillis,
    String detail,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WaitingClient> waitingClients)
    implements TelemetryEvent {

  public EngineProbe {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(status, "status");
    EventBounds.requireDuration("latencyMillis", latencyMillis, Duration.ofMillis(1));
    waitingClients = waitingClients == null ? List.of() : List.copyOf(waitingClients);
  }

  /** A probe that names no waiting docker command. */
  public EngineProbe(Envelope envelope, ProbeStatus status, Long latencyMillis, String detail) {
    this(envelope, status, latencyMillis, detail, List.of());
  }

  /**
   * A docker command waiting for the engine.
   *
   * @param comm the process name ({@code docker}, {@code docker-compose})
   * @param waitedSeconds how long it has run, at least
   */
  public record WaitingClient(String comm, int pid, long waitedSeconds) {
    public WaitingClient {
      Objects.requireNonNull(comm, "comm");
      EventBounds.requireDuration("waitedSeconds", waitedSeconds, Duration.ofSeconds(1));
    }
  }
}
