package dev.stallwatch.collector;

import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns Docker Desktop backend log lines into {@code resource_saver} events with the configured
 * patterns; only a line that changes the state is sent, as the evidence. Lines that are not log
 * lines (continuations of multi-line messages) are skipped. One thread at a time.
 */
final class DockerLogInterpreter {

  private final ResourceSaverPatterns patterns;
  private ResourceSaver.State state;
  private long unparsed;

  DockerLogInterpreter(ResourceSaverPatterns patterns) {
    this.patterns = patterns;
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
      Optional<ResourceSaver.State> next = patterns.match(parsed.message());
      if (next.isPresent() && next.get() != state) {
        state = next.get();
        events.add(
            new ResourceSaver(
                envelopes.next(parsed.ts()), state, ResourceSaver.SeenVia.LOG_PATTERN, line));
      }
    }
    return events;
  }

  /** Lines that were not backend log lines. */
  long unparsed() {
    return unparsed;
  }
}
