package dev.stallwatch.app.cli;

import dev.stallwatch.model.Incident;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.Replay;
import java.io.PrintWriter;
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
      "Events that a person or another tool wrote may leave out v, id and seq and write enum"
          + " values in any case: v is taken as 1, the id is derived from the event's content, and"
          + " one notice on stderr says what was filled in.",
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
    LineCounts counts = EventLines.read(file, replay::accept, err);
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
}
