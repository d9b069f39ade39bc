package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tails Docker Desktop's backend log ({@code AppData/Local/Docker/log/host/
 * com.docker.backend.exe.log} under the Windows home) across rotation, with checkpoints, and sends
 * the Resource Saver transitions its lines show (see {@link ResourceSaverPatterns}) and the
 * backend's requests to the engine that time out or fail (see {@link EngineRequestPatterns}). Only
 * the matching lines leave the machine.
 */
final class DockerDesktopLogSource implements Source {

  static final String BACKEND_LOG = "AppData/Local/Docker/log/host/com.docker.backend.exe.log";

  private final TailedFile log;
  private final Duration interval;
  private final DockerLogInterpreter interpreter;

  DockerDesktopLogSource(
      Path windowsHome,
      ResourceSaverPatterns patterns,
      EngineRequestPatterns engineRequests,
      CheckpointStore checkpoints,
      boolean fromStart,
      Duration interval) {
    this.log = new TailedFile(windowsHome.resolve(BACKEND_LOG), checkpoints, fromStart);
    this.interval = interval;
    this.interpreter = new DockerLogInterpreter(patterns, engineRequests);
  }

  @Override
  public String name() {
    return "dockerlog";
  }

  @Override
  public String description() {
    return "tails Docker Desktop's backend log with checkpoints; sends resource_saver, and "
        + "engine_probe for the backend's engine requests that time out or fail, with the "
        + "matching line, and nothing of any other line";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    FileTailer.Batch batch = log.poll();
    if (!batch.present()) {
      throw new SourceAbsentException("no Docker Desktop backend log " + log.file());
    }
    return interpreter.accept(batch.lines(), envelopes, Problems.IGNORE, 1);
  }

  @Override
  public void afterEmit(EventSink sink) {
    log.commitAfterDelivery(sink);
  }
}
