package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * {@code collect --manifest}: for each source of a collector, what it reads and what it sends, and
 * a dry run of one sample showing exactly the events (values, lines) it would send now. Nothing is
 * sent. Tailed files are read from their start, so every line that would leave is shown.
 */
public final class Manifest {

  private Manifest() {}

  /** Prints the manifest of a collector that was created but not started. */
  public static void print(Collector collector, String host, PrintWriter out) {
    out.println(
        "What this collector would send, and nothing else, to Kafka topic "
            + Topics.TELEMETRY.name()
            + " (key = host id "
            + host
            + ").");
    out.println("Every event also carries: type, v, host, ts (event time), seq (counter), id.");
    EnvelopeFactory dryRun = new EnvelopeFactory(host, 0);
    for (Source source : collector.polledSources()) {
      out.println();
      out.println("[" + source.name() + "] every " + source.interval().toMillis() + " ms");
      out.println("  " + source.description());
      printSample(source, dryRun, out);
    }
    for (StreamingSource source : collector.streamingSources()) {
      out.println();
      out.println("[" + source.name() + "] streaming");
      if (source instanceof KmsgSource kmsg) {
        out.println(
            "  reads dev/kmsg; sends only kernel messages these rules match (the message"
                + " as evidence):");
        for (KernelRule rule : kmsg.rules()) {
          out.println("    " + rule.id() + " (" + rule.kind() + "): " + rule.pattern());
        }
      }
    }
    out.flush();
  }

  private static void printSample(Source source, EnvelopeFactory envelopes, PrintWriter out) {
    List<TelemetryEvent> events;
    try {
      events = source.sample(envelopes, Instant.now());
    } catch (SourceAbsentException e) {
      out.println("  now: nothing to read on this machine (" + e.getMessage() + ")");
      return;
    } catch (IOException | RuntimeException e) {
      out.println("  now: cannot read (" + e.getMessage() + ")");
      return;
    }
    if (events.isEmpty()) {
      out.println("  now: nothing to send on one sample");
    }
    for (TelemetryEvent event : events) {
      out.println("  now: " + TelemetryCodec.toJson(event));
    }
  }
}
