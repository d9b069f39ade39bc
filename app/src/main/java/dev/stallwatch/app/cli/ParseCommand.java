package dev.stallwatch.app.cli;

import ch.qos.logback.classic.Level;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.collector.BootClock;
import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.ConfigException;
import dev.stallwatch.collector.FormatException;
import dev.stallwatch.collector.HostIds;
import dev.stallwatch.collector.OfflineParser;
import dev.stallwatch.collector.OfflineParser.Kind;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stallwatch parse}: what one source would send for one file, without Kafka. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Prints, one JSON object a line, the events a collector source sends for FILE (the wire"
          + " format of docs/events.md). Lines it cannot read are named on stderr with the"
          + " reason; the good ones are still printed.",
      ""
    },
    footer = {
      "",
      "KIND is one of: kmsg (raw /dev/kmsg records), dmesg (dmesg or dmesg -T text), meminfo,"
          + " pressure (file named cpu, memory or io), diskstats, mounts, cmdline, osrelease,"
          + " wslconfig, wsl-version (UTF-16LE or UTF-8), wsl-conf, apt-term, apt-history,"
          + " docker-log, docker-settings, docker-version; or events (JSON events one a line, such"
          + " as a capture's events.jsonl, printed in the wire format: events a person or another"
          + " tool wrote may leave out v, id and seq, which are filled in, and one notice on"
          + " stderr says so).",
      "",
      "Exit codes (as for 'stallwatch replay'): 0 every line was read; 1 some lines could not be"
          + " read (named on stderr) and the events of the rest were printed; 2 not one line could"
          + " be read or the file as a whole is not of KIND, or FILE or the options cannot be used."
    })
final class ParseCommand implements Callable<Integer> {

  private static final int MAX_PROBLEMS_SHOWN = 20;
  private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");

  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "KIND",
      description = "The kind of file (see below).")
  String source;

  @Parameters(paramLabel = "FILE", description = "The file to read.")
  Path file;

  @Option(names = "--host", paramLabel = "ID", description = "Host id of the events.")
  String host;

  @Option(
      names = "--boot-time",
      paramLabel = "TIME",
      description =
          "When the machine booted (ISO-8601 or epoch seconds), for kernel timestamps; default:"
              + " this machine's boot time.")
  String bootTime;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      description = "The machine's zone for apt logs and dmesg -T (default: this machine's).")
  String timezone;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "The time of the sample, ISO-8601 (default: now); apt runs open at it stall.")
  String at;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A collector configuration, for its kernel rules and Resource Saver patterns.")
  Path config;

  @Override
  public Integer call() throws Exception {
    // What is wrong with the input goes to stderr as problems; the sources' own warnings about
    // the same lines would say it twice.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.stallwatch.collector"))
        .setLevel(Level.ERROR);
    if (source.equals(EventLines.SOURCE)) {
      return printEvents();
    }
    Kind kind = kind();
    OfflineParser.Options options = options();
    byte[] content = read();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicInteger problems = new AtomicInteger();
    Set<Integer> badLines = new HashSet<>();
    List<TelemetryEvent> events;
    try {
      events =
          OfflineParser.parse(
              kind,
              file.getFileName().toString(),
              content,
              options,
              (line, reason) -> {
                badLines.add(line);
                // The first problems say what is wrong; thousands of lines of them would not.
                if (problems.incrementAndGet() <= MAX_PROBLEMS_SHOWN) {
                  err.println(file + (line > 0 ? ":" + line : "") + ": " + reason);
                }
              });
    } catch (FormatException e) {
      err.println(file + ": " + e.getMessage());
      err.flush();
      return CommandErrors.USAGE;
    }
    events.forEach(event -> out.println(TelemetryCodec.toJson(event)));
    if (problems.get() > MAX_PROBLEMS_SHOWN) {
      err.println(
          file
              + ": "
              + (problems.get() - MAX_PROBLEMS_SHOWN)
              + " more unreadable line(s) not shown");
    }
    out.flush();
    err.flush();
    return lineCounts(content, badLines).exitCode();
  }

  /** A file of events, each printed again in the wire format. */
  private int printEvents() throws StartupException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LineCounts counts =
        EventLines.read(file, event -> out.println(TelemetryCodec.toJson(event)), err);
    out.flush();
    err.flush();
    return counts.exitCode();
  }

  /** Lines of the file that were read and that were not; a problem of the whole file is one. */
  private static LineCounts lineCounts(byte[] content, Set<Integer> badLines) {
    long lines =
        new String(content, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
    long badNumbered = badLines.stream().filter(line -> line > 0).count();
    return new LineCounts((int) Math.max(0, lines - badNumbered), badLines.size());
  }

  private Kind kind() throws StartupException {
    return Kind.fromCliName(source)
        .orElseThrow(
            () ->
                new StartupException(
                    "--source must be one of "
                        + Arrays.stream(Kind.values())
                            .map(Kind::cliName)
                            .collect(Collectors.joining(", "))
                        + ", "
                        + EventLines.SOURCE
                        + "; was '"
                        + source
                        + "'"));
  }

  private byte[] read() throws StartupException {
    try {
      return Files.readAllBytes(InputFiles.regularFile("", file));
    } catch (IOException e) {
      throw new StartupException("cannot read " + file + ": " + CommandErrors.describe(e), e);
    } catch (OutOfMemoryError e) {
      throw new StartupException("cannot read " + file + ": too large to hold in memory", e);
    }
  }

  private OfflineParser.Options options() throws StartupException {
    CollectorConfig settings;
    try {
      settings = config == null ? CollectorConfig.defaults() : CollectorConfig.load(config);
    } catch (ConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
    ZoneId zone;
    try {
      zone = timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new StartupException("--timezone: unknown zone '" + timezone + "'", e);
    }
    return new OfflineParser.Options(
        host != null ? CollectCommand.validHostId("--host", host) : HostIds.stable(Path.of("/")),
        bootTime == null ? localBootTime() : instant("--boot-time", bootTime),
        zone,
        at == null ? Instant.now() : instant("--at", at),
        settings);
  }

  private static Instant instant(String option, String value) throws StartupException {
    try {
      return EPOCH.matcher(value).matches()
          ? Instant.ofEpochSecond(Long.parseLong(value))
          : Instant.parse(value);
    } catch (DateTimeException e) {
      throw new StartupException(
          option + " must be ISO-8601 (2026-11-20T09:00:00Z) or epoch seconds, was '" + value + "'",
          e);
    }
  }

  private static Instant localBootTime() {
    try {
      return BootClock.read(Path.of("/")).bootTime();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
