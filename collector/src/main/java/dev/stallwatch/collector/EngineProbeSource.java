package dev.stallwatch.collector;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the Docker engine ({@code /_ping} on its socket) and reports {@code engine_probe} when the
 * engine's state changes; a state counts only after several consecutive probes agree, so one slow
 * answer is not a transition. While Docker Desktop runs (the socket exists and the engine had
 * answered), the engine going from answering to timing out is taken for Resource Saver pausing it,
 * and answering again for leaving it. While it does not answer, docker commands started since then
 * that keep waiting are reported in another {@code engine_probe} (see {@link DockerClientWatch}).
 */
final class EngineProbeSource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(EngineProbeSource.class);

  /** Probes the socket once; replaced in tests. */
  @FunctionalInterface
  interface Pinger {
    DockerPing.Result ping();
  }

  private final Path socket;
  private final Duration interval;
  private final Pinger pinger;
  private final int consecutive;
  private final DockerClientWatch clients;
  private ProbeStatus reported;
  private ProbeStatus candidate;
  private int streak;
  private boolean answeredSinceStart;
  private boolean inResourceSaver;

  EngineProbeSource(
      Path socket,
      Duration interval,
      Duration timeout,
      Duration slow,
      int consecutive,
      DockerClientWatch clients) {
    this(socket, interval, () -> DockerPing.ping(socket, timeout, slow), consecutive, clients);
  }

  /**
   * @param clients follows docker commands while the engine does not answer; null to leave them
   */
  EngineProbeSource(
      Path socket, Duration interval, Pinger pinger, int consecutive, DockerClientWatch clients) {
    this.socket = socket;
    this.interval = interval;
    this.pinger = pinger;
    this.consecutive = consecutive;
    this.clients = clients;
  }

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public String description() {
    return "sends GET /_ping to the Docker engine socket; sends engine_probe (status, "
        + "latency) when the engine's state changes, again with the docker commands (name, pid) "
        + "that wait for it while it does not answer, and resource_saver when it is taken for "
        + "Resource Saver";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    if (!Files.exists(socket)) {
      if (clients != null) {
        clients.startAfresh();
      }
      streak = 0;
      answeredSinceStart = false;
      throw new SourceAbsentException(
          "no Docker engine socket "
              + socket
              + " (Docker Desktop not running or not integrated with this distro)");
    }
    List<TelemetryEvent> events = accept(pinger.ping(), envelopes, now);
    if (clients != null) {
      try {
        waitingClients(envelopes, now).ifPresent(events::add);
      } catch (IOException e) {
        // The probe's own events must still go out; the task list is read again next time.
        LOG.warn("cannot list the docker commands waiting for the engine: {}", e.getMessage());
      }
    }
    return events;
  }

  /** After {@link #accept}: the docker commands kept waiting by an engine that does not answer. */
  private Optional<EngineProbe> waitingClients(EnvelopeFactory envelopes, Instant now)
      throws IOException {
    if (candidate == null || !isDown(candidate)) {
      clients.startAfresh();
      return Optional.empty();
    }
    List<EngineProbe.WaitingClient> waiting =
        clients.engineSilent(now, reported != null && isDown(reported));
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    EngineProbe.WaitingClient first = waiting.getFirst();
    String detail =
        "%s (pid %d) has waited %d s for an engine that does not answer%s"
            .formatted(
                first.comm(),
                first.pid(),
                first.waitedSeconds(),
                waiting.size() > 1 ? " (and %d more)".formatted(waiting.size() - 1) : "");
    return Optional.of(new EngineProbe(envelopes.next(now), reported, null, detail, waiting));
  }

  private static boolean isDown(ProbeStatus status) {
    return status == ProbeStatus.TIMEOUT || status == ProbeStatus.FAILED;
  }

  List<TelemetryEvent> accept(DockerPing.Result result, EnvelopeFactory envelopes, Instant now) {
    ProbeStatus status = result.status() == ProbeStatus.SLOW ? ProbeStatus.OK : result.status();
    if (status == candidate) {
      streak++;
    } else {
      candidate = status;
      streak = 1;
    }
    List<TelemetryEvent> events = new ArrayList<>(2);
    if (streak < consecutive || status == reported) {
      return events;
    }
    ProbeStatus before = reported;
    reported = status;
    events.add(
        new EngineProbe(
            envelopes.next(now),
            result.status(),
            result.latencyMillis(),
            result.detail() == null
                ? null
                : result.detail() + " (" + streak + " probes in a row)"));
    if (status == ProbeStatus.TIMEOUT && before == ProbeStatus.OK && answeredSinceStart) {
      inResourceSaver = true;
      events.add(
          new ResourceSaver(
              envelopes.next(now),
              ResourceSaver.State.ENTERED,
              ResourceSaver.SeenVia.ENGINE_PROBE,
              "engine /_ping timed out " + streak + " times in a row"));
    } else if (status == ProbeStatus.OK && inResourceSaver) {
      inResourceSaver = false;
      events.add(
          new ResourceSaver(
              envelopes.next(now),
              ResourceSaver.State.EXITED,
              ResourceSaver.SeenVia.ENGINE_PROBE,
              "engine /_ping answered again " + streak + " times in a row"));
    }
    answeredSinceStart |= status == ProbeStatus.OK;
    return events;
  }
}
