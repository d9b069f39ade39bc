package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.model.MalformedRecordException;
import dev.stallwatch.model.event.LenientEvents;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A file of events, one JSON object a line, as {@code replay} and {@code parse --source events}
 * read it: the wire format, or events a person or another tool wrote without the envelope a
 * collector stamps. Those are read leniently ({@link LenientEvents}) and one notice says so for the
 * file.
 */
final class EventLines {

  /** The {@code parse --source} name of such a file. */
  static final String SOURCE = "events";

  private EventLines() {}

  /**
   * Gives each event of {@code file} to {@code sink}; names each bad line on {@code err} as {@code
   * FILE:LINE: reason}, then the file's notice if some events were read leniently.
   */
  static LineCounts read(Path file, Consumer<TelemetryEvent> sink, PrintWriter err)
      throws StartupException {
    int events = 0;
    int skipped = 0;
    LenientEvents.Tally tally = new LenientEvents.Tally();
    try (BufferedReader reader =
        Files.newBufferedReader(InputFiles.regularFile("", file), StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          LenientEvents.Read read = TelemetryCodec.fromJsonLenient(line);
          tally.add(read);
          sink.accept(read.event());
          events++;
        } catch (MalformedRecordException e) {
          skipped++;
          err.printf("%s:%d: %s%n", file, number, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new StartupException("cannot read " + file + ": " + CommandErrors.describe(e), e);
    }
    tally.notice(file.toString()).ifPresent(err::println);
    return new LineCounts(events, skipped);
  }
}
