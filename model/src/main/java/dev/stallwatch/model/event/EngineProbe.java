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
 * @param via who saw it; null means the collector's own probe of the engine socket
 */
public record EngineProbe(
    Envelope envelope,
    ProbeStatus status,
    Long latencyMillis,
    String detail,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WaitingClient> waitingClients,
    Via via)
    implements TelemetryEvent {

  /** Where an engine probe result came from. */
  public enum Via {
    /** The collector pinged the engine socket itself. */
    SOCKET,
    /**
     * Docker Desktop's backend log recorded its own request to the engine and how it ended: seen
     * from Windows even while the distro is frozen.
     */
    BACKEND_LOG
  }

  public EngineProbe {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(status, "status");
    EventBounds.requireDuration("latencyMillis", latencyMillis, Duration.ofMillis(1));
    waitingClients = waitingClients == null ? List.of() : List.copyOf(waitingClients);
  }

  /** The collector's own probe, naming the docker commands waiting for the engine. */
  public EngineProbe(
      Envelope envelope,
      ProbeStatus status,
      Long latencyMillis,
      String detail,
      List<WaitingClient> waitingClients) {
    this(envelope, status, latencyMillis, detail, waitingClients, null);
  }

  /** A probe that names no waiting docker command. */
  public EngineProbe(Envelope envelope, ProbeStatus status, Long latencyMillis, String detail) {
    this(envelope, status, latencyMillis, detail, List.of(), null);
  }

  /** Where this result came from, the collector's own probe when not said. */
  public Via seenVia() {
    return via == null ? Via.SOCKET : via;
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
