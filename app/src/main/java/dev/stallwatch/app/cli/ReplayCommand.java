package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MalformedRecordException;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stallwatch replay FILE.jsonl}: recorded events in (one per line, the wire format of {@code
 * stallwatch.telemetry}), incidents out, through the same correlation as the analyzer, with no
 * Kafka. A bad line is reported on stderr with its number and reason; the others still count.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded events (one JSON event per line, as on stallwatch.telemetry, hosts"
          + " mixed) through the correlation rules and prints the incidents they give: what hung,"
          + " why, the known issues and what to do.",
      "A line that is not a valid event is reported on stderr with its line number and skipped.",
      "",
      "Exit codes (as for 'stallwatch parse'): 0 every line was read; 1 some lines could not be"
          + " read (named on stderr) and the rest was replayed; 2 not one line could be read, or"
          + " FILE, the options or the rules cannot be used."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Events, one JSON object per line.")
  Path file;

  @Option(names = "--json", description = "Print {\"incidents\": [...]} instead of text.")
  boolean json;

  @Mixin AnalysisOptions analysis;

  @Override
  public Integer call() throws Exception {
    Replay replay = new Replay(new Analysis(analysis.ruleBook(), analysis.settings()));
    PrintWriter err = spec.commandLine().getErr();
    LineCounts counts = replayLines(replay, err);
    List<Incident> incidents = replay.finish();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      IncidentPrinter.json(incidents, out);
    } else {
      IncidentPrinter.human(incidents, out);
    }
    if (counts.exitCode() == CommandErrors.USAGE) {
      err.printf(
          "%s: not one of its %d line(s) is an event (one JSON event a line, docs/events.md)%n",
          file, counts.bad());
    } else if (counts.bad() > 0) {
      err.printf("replayed %d event(s); skipped %d bad line(s)%n", counts.good(), counts.bad());
    }
    out.flush();
    err.flush();
    return counts.exitCode();
  }

  private LineCounts replayLines(Replay replay, PrintWriter err) throws StartupException {
    int events = 0;
    int skipped = 0;
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
          replay.accept(TelemetryCodec.fromJson(line));
          events++;
        } catch (MalformedRecordException e) {
          skipped++;
          err.printf("%s:%d: %s%n", file, number, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new StartupException("cannot read " + file + ": " + CommandErrors.describe(e), e);
    }
    return new LineCounts(events, skipped);
  }
}
