package dev.stallwatch.collector;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns Docker Desktop backend log lines into events: {@code resource_saver} for a line the
 * Resource Saver patterns match, and {@code engine_probe} ({@code via: BACKEND_LOG}) for the
 * backend's own requests to the engine that time out or fail, and for the first one that succeeds
 * after them. Only a line that changes a state is sent, as the evidence. Lines that are not log
 * lines (continuations of multi-line messages) are skipped. One thread at a time.
 */
final class DockerLogInterpreter {

  private final ResourceSaverPatterns patterns;
  private final EngineRequestPatterns engineRequests;
  private ResourceSaver.State state;
  private ProbeStatus engine;
  private long unparsed;

  DockerLogInterpreter(ResourceSaverPatterns patterns, EngineRequestPatterns engineRequests) {
    this.patterns = patterns;
    this.engineRequests = engineRequests;
  }

  List<TelemetryEvent> accept(
      List<String> lines, EnvelopeFactory envelopes, Problems problems, int firstLineNumber) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      DockerDesktopParsers.LogLine parsed;
      try {
        parsed = DockerDesktopParsers.logLine(line);
      } catch (FormatException e) {
        unparsed++;
        if (!line.startsWith(" ") && !line.startsWith("\t")) {
          problems.report(firstLineNumber + i, e.getMessage());
        }
        continue;
      }
      resourceSaver(parsed, line, envelopes).ifPresent(events::add);
      engineRequest(parsed, line, envelopes).ifPresent(events::add);
    }
    return events;
  }

  private Optional<TelemetryEvent> resourceSaver(
      DockerDesktopParsers.LogLine parsed, String line, EnvelopeFactory envelopes) {
    Optional<ResourceSaver.State> next = patterns.match(parsed.message());
    if (next.isEmpty() || next.get() == state) {
      return Optional.empty();
    }
    state = next.get();
    return Optional.of(
        new ResourceSaver(
            envelopes.next(parsed.ts()), state, ResourceSaver.SeenVia.LOG_PATTERN, line));
  }

  /** A failure after anything else, or a success after a failure; repeats are not sent. */
  private Optional<TelemetryEvent> engineRequest(
      DockerDesktopParsers.LogLine parsed, String line, EnvelopeFactory envelopes) {
    Optional<ProbeStatus> seen = engineRequests.match(parsed.message());
    if (seen.isEmpty()
        || seen.get() == engine
        || (seen.get() == ProbeStatus.OK && engine == null)) {
      return Optional.empty();
    }
    engine = seen.get();
    return Optional.of(
        new EngineProbe(
            envelopes.next(parsed.ts()),
            engine,
            null,
            line,
            List.of(),
            EngineProbe.Via.BACKEND_LOG));
  }

  /** Lines that were not backend log lines. */
  long unparsed() {
    return unparsed;
  }
}
